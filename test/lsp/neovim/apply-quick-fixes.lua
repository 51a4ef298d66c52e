-- Drives Neovim's own LSP client (0.7+) against `kms-codemod lsp`: opens each file, waits for the
-- legacy-kms-client diagnostic, asks for code actions at it through vim.lsp.buf.code_action, picks
-- the migrate quick fix in vim.ui.select (the only part a person would do), waits for the edit, and
-- finally writes every buffer. The report goes to the JSON file named in the parameters.
local params = vim.fn.json_decode(table.concat(vim.fn.readfile(vim.env.KMS_NVIM_PARAMS), '\n'))
local report = { files = {}, problems = {} }

local function problem(msg)
  table.insert(report.problems, msg)
end

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(report) }, params.report)
  vim.cmd('qa!')
end

local client_id = vim.lsp.start_client({
  name = 'kms-codemod',
  cmd = params.cmd,
  root_dir = params.root,
  workspace_folders = { { uri = vim.uri_from_fname(params.root), name = 'fixture' } },
  on_exit = function(code)
    if code ~= 0 then problem('server exited with ' .. code) end
  end,
})
if not client_id then
  problem('the server did not start')
  return finish()
end

-- The person choosing from the menu: the migrate quick fix.
vim.ui.select = function(items, _, on_choice)
  for i, item in ipairs(items) do
    if item[2].title == params.title then return on_choice(item, i) end
  end
  problem('no "' .. params.title .. '" among ' .. #items .. ' code action(s)')
  on_choice(nil)
end
vim.notify = function(msg) problem('notify: ' .. tostring(msg)) end

for _, path in ipairs(params.files) do
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  local target
  local seen = vim.wait(params.timeout, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local lsp = d.user_data and d.user_data.lsp
      if lsp and lsp.code == 'legacy-kms-client' then
        target = d
        return true
      end
    end
    return false
  end, 50)
  local entry = { diagnostics = #vim.diagnostic.get(bufnr), applied = false }
  report.files[path] = entry
  if not seen then
    problem('no legacy-kms-client diagnostic for ' .. path)
  else
    local tick = vim.api.nvim_buf_get_changedtick(bufnr)
    vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
    vim.lsp.buf.code_action({ only = { 'quickfix' } })
    entry.applied = vim.wait(params.timeout, function()
      return vim.api.nvim_buf_get_changedtick(bufnr) ~= tick
    end, 50)
    if not entry.applied then problem('the quick fix did not change ' .. path) end
  end
end

vim.cmd('silent! wall')
vim.lsp.stop_client(client_id)
finish()

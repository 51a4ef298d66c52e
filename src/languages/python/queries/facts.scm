; Every node kind the Python extractor reads, captured in one pass over the tree.
; Names are resolved in extract.ts against the file's imports (any nesting: try/except, functions).

(import_statement) @import
(import_from_statement) @import

; AcsClient(...), client.AcsClient(...), EncryptRequest.EncryptRequest(), req.set_KeyId(...), client.re_encrypt(req)
(call
  function: [(identifier) (attribute)]
  arguments: (argument_list)) @call

; key_id = os.getenv("KMS_KEY_ID");  self.client = AcsClient(...);  config.access_key_id = "..."
(assignment left: (_) right: (_)) @assign

; enclosing functions, looked up by range (cheaper than climbing parents)
(function_definition name: (identifier) @function.name) @function

/**
 * What `migrate --build` runs for Python: byte-compiles each changed file (what `python -m compileall`
 * does, but into a scratch directory, so no `__pycache__` lands in the project), then executes each
 * of its top-level imports of installed packages, which is where a rewrite goes wrong (a module or a
 * name the installed SDK does not have). The file's own code and imports of the project's modules are
 * not run: importing them would run the program, and build clients that need the instance's settings.
 */
export const PYTHON_CHECK = String.raw`
import ast, os, py_compile, sys, tempfile
root = os.getcwd()
sys.path.insert(0, root)
scratch = tempfile.mkdtemp()
failures = []

def is_local(name):
    head = name.split(".")[0]
    return os.path.exists(os.path.join(root, head + ".py")) or os.path.isdir(os.path.join(root, head))

for path in sys.argv[1:]:
    try:
        py_compile.compile(path, cfile=os.path.join(scratch, "check.pyc"), doraise=True)
    except py_compile.PyCompileError as e:
        failures.append(e.msg.strip())
        continue
    with open(path, encoding="utf-8-sig") as f:
        tree = ast.parse(f.read(), path)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.level or is_local(node.module or "")):
            continue
        if isinstance(node, ast.Import) and all(is_local(a.name) for a in node.names):
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            try:
                exec(compile(ast.Module(body=[node], type_ignores=[]), path, "exec"), {})
            except Exception as e:
                failures.append(f"{os.path.relpath(path, root)}:{node.lineno}: {ast.unparse(node)}: {type(e).__name__}: {e}")
print("\n".join(failures))
sys.exit(1 if failures else 0)
`;

; Every node kind the Python extractor reads, captured in one pass over the tree. One pattern of
; plain alternatives keeps the query engine's work per node low; extract.ts filters and resolves
; names against the file's imports (any nesting: try/except, functions).
[
  (import_statement) @import
  (import_from_statement) @import
  ; AcsClient(...), client.AcsClient(...), EncryptRequest.EncryptRequest(), req.set_KeyId(...), client.re_encrypt(req)
  (call) @call
  ; key_id = os.getenv("KMS_KEY_ID");  self.client = AcsClient(...);  config.access_key_id = "..."
  (assignment) @assign
  ; `return client`: a client that leaves its function may send more than its file shows
  (return_statement) @return
  ; enclosing functions, looked up by range (cheaper than climbing parents)
  (function_definition) @function
]

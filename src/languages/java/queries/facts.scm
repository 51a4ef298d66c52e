; Every node kind the Java extractor reads, captured in one pass over the tree. One pattern of
; plain alternatives is about twice as fast as separate structured patterns with predicates (the
; query engine does less work per node); extract.ts filters and resolves names against the imports.
[
  (import_declaration) @import
  ; new DefaultAcsClient(...), new com.aliyuncs.DefaultAcsClient(...), new EncryptRequest(), new Client(config)
  (object_creation_expression) @new
  ; req.setKeyId(...), DefaultProfile.getProfile(...), client.reEncrypt(...), request.setSysAction("...")
  (method_invocation) @call
  ; String keyId = "...";  IAcsClient client = ...;  (locals and fields)
  (variable_declarator) @declarator
  ; fields and parameters: `Client kms;` injected V2 clients and @Value("${...}") names (a local
  ; client is always built or fetched where it is declared, which the other captures see)
  (field_declaration) @typed
  (formal_parameter) @typed
  ; this.client = new DefaultAcsClient(...); keyId = System.getenv("KEY")
  (assignment_expression) @assign
  ; `return client;`: a client that leaves its method may send more than its file shows
  (return_statement) @return
  ; enclosing functions, looked up by range (cheaper than climbing parents)
  (method_declaration) @function
  (constructor_declaration) @function
  (static_initializer) @function
]

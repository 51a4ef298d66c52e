; Every node kind the Java extractor reads, captured in one pass over the tree.
; The extractor (extract.ts) resolves names against the imports; the query stays syntactic.

(import_declaration) @import

; new DefaultAcsClient(...), new com.aliyuncs.DefaultAcsClient(...), new EncryptRequest(), new Client(config)
(object_creation_expression
  type: [(type_identifier) (scoped_type_identifier) (generic_type)]
  arguments: (argument_list)) @new

; req.setKeyId(...), DefaultProfile.getProfile(...), client.reEncrypt(...), request.setSysAction("...")
(method_invocation
  name: (identifier)
  arguments: (argument_list)) @call

; String keyId = "...";  IAcsClient client = ...;  (locals and fields)
(variable_declarator name: (identifier) value: (_)) @declarator

; fields, locals and parameters with a declared type (for `Client kms;` injected clients and @Value names)
(field_declaration) @typed
(local_variable_declaration) @typed
(formal_parameter) @typed

; this.client = new DefaultAcsClient(...); keyId = System.getenv("KEY")
(assignment_expression left: (_) right: (_)) @assign

; enclosing functions, looked up by range (cheaper than climbing parents)
(method_declaration name: (identifier) @function.name) @function
(constructor_declaration name: (identifier) @function.name) @function
(static_initializer) @function

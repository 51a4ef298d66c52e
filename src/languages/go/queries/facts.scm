; Every node kind the Go extractor reads, captured in one pass over the tree.
; Import aliases are resolved in extract.ts, so `kms`, `kmssdk` or any other alias all match.

(import_spec path: (_)) @import

; kms.NewClientWithAccessKey(...), kms.CreateEncryptRequest(), client.ReEncryptWithChan(req), os.Getenv("K")
(call_expression
  function: [(selector_expression) (identifier)]
  arguments: (argument_list)) @call

; &kms.EncryptRequest{KeyId: tea.String("...")}, &openapi.Config{AccessKeyId: ...}
(composite_literal type: [(qualified_type) (type_identifier)] body: (literal_value)) @composite

; client, err := ...;  var keyID = os.Getenv("KMS_KEY_ID");  const keyID = "..."
(short_var_declaration) @declare
(var_spec) @declare
(const_spec) @declare

; req.KeyId = "..."; r.ApiName = "ReEncrypt"; s.client, err = kms.NewClient...; r.QueryParams["KeyId"] = ...
(assignment_statement) @assign

; fields and parameters typed *kms.Client / *sdk.KmsTransferClient
(parameter_declaration type: (_)) @typed
(field_declaration type: (_)) @typed

; enclosing functions, looked up by range (cheaper than climbing parents)
(function_declaration name: (identifier) @function.name) @function
(method_declaration name: (field_identifier) @function.name) @function

; Every node kind the Go extractor reads, captured in one pass over the tree. One pattern of plain
; alternatives keeps the query engine's work per node low; extract.ts resolves import aliases, so
; `kms`, `kmssdk` or any other alias all match.
[
  (import_spec) @import
  ; kms.NewClientWithAccessKey(...), kms.CreateEncryptRequest(), client.ReEncryptWithChan(req), os.Getenv("K")
  (call_expression) @call
  ; &kms.EncryptRequest{KeyId: tea.String("...")}, &openapi.Config{AccessKeyId: ...}
  (composite_literal) @composite
  ; client, err := ...;  var keyID = os.Getenv("KMS_KEY_ID");  const keyID = "..."
  (short_var_declaration) @declare
  (var_spec) @declare
  (const_spec) @declare
  ; req.KeyId = "..."; r.ApiName = "ReEncrypt"; s.client, err = kms.NewClient...; r.QueryParams["KeyId"] = ...
  (assignment_statement) @assign
  ; fields and parameters typed *kms.Client / *sdk.KmsTransferClient
  (parameter_declaration) @typed
  (field_declaration) @typed
  ; every written pkg.Type: *kms.Client wherever it stands (a retype must follow each one)
  (qualified_type) @type
  ; package main, or a package others import (public API)
  (package_clause) @package
  ; `return client, nil`: a client that leaves its function may send more than its file shows
  (return_statement) @return
  ; enclosing functions, looked up by range (cheaper than climbing parents)
  (function_declaration) @function
  (method_declaration) @function
]

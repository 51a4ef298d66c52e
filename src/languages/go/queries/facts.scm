; The node kinds the Go extractor reads one by one, captured in one pass over the tree. One pattern of
; plain alternatives keeps the work per node low; extract.ts resolves import aliases, so `kms`, `kmssdk`
; or any other alias all match. Declarations, assignments, parameters and returns are many in a large
; file and few of them matter: name-sites.ts finds those from the text instead.
[
  (import_spec) @import
  ; kms.NewClientWithAccessKey(...), kms.CreateEncryptRequest(), client.ReEncryptWithChan(req), os.Getenv("K")
  (call_expression) @call
  ; &kms.EncryptRequest{KeyId: tea.String("...")}, &openapi.Config{AccessKeyId: ...}
  (composite_literal) @composite
  ; every written pkg.Type: *kms.Client wherever it stands (a retype must follow each one)
  (qualified_type) @type
  ; package main, or a package others import (public API)
  (package_clause) @package
]

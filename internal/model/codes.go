package model

import "regexp"

// A Code names a kind of diagnostic, e.g. "unknown-format". Codes are for
// machines (gen -json) and for choosing which warnings to expect
// (gen -allow-warnings); once published a code keeps its meaning and its
// spelling, while the message text may be reworded.
type Code string

// CodeUnclassified is the code of a diagnostic no rule of codeRules
// matches. TestCodes keeps every message of the test corpus classified.
const CodeUnclassified Code = "unclassified"

// codeRules classify a diagnostic by its message. The loader, the config
// and the naming pass write messages, not codes; the rules live here, in
// one table, so that every code is defined once and tested together. The
// first rule that matches wins. Keep them sorted by code within each group,
// and never renumber or rename one: add a new code instead.
var codeRules = []struct {
	code Code
	re   *regexp.Regexp
}{
	// Warnings: the generator works around the construct (see the fallback
	// table of the README).
	{"allof-member-not-object", regexp.MustCompile(`^allOf member .* adds nothing to the merged struct`)},
	{"allof-union-not-merged", regexp.MustCompile(`^a oneOf/anyOf inside allOf is not merged`)},
	{"allof-pattern-properties", regexp.MustCompile(`^a second patternProperties in allOf`)},
	{"allof-scalar-conflict", regexp.MustCompile(`^allOf members (are .*, which no value can be|say format .*, which no )`)},
	{"callbacks-no-handler", regexp.MustCompile(`^callbacks (get their types but no handler|nested more than)`)},
	{"conditional-type-conflict", regexp.MustCompile(`^property .* has another type in .* than in `)},
	{"const-not-constant", regexp.MustCompile(`^const .* value is not a Go constant`)},
	{"discriminator-mapping-ignored", regexp.MustCompile(`^discriminator value .* maps to .*; the value is ignored`)},
	{"duplicate-enum-value", regexp.MustCompile(`^duplicate enum value `)},
	{"duplicate-operation-id", regexp.MustCompile(`^duplicate operationId `)},
	{"enum-type-mismatch", regexp.MustCompile(`^enum members are written as `)},
	{"enum-untyped", regexp.MustCompile(`^enum (mixes .* members|of .* values is read as any JSON value)`)},
	{"enum-value-range", regexp.MustCompile(`^(enum value .* (does not fit in|is not an integer|is the number .* again)|no value of the .* enum fits a Go )`)},
	{"example-ignored", regexp.MustCompile(`^example ignored: `)},
	{"header-parameter-ignored", regexp.MustCompile(`^header parameter .* is ignored, as OpenAPI says`)},
	{"name-lookalike", regexp.MustCompile(`^the name .* (mixes .* letters, which look alike|holds the invisible character)`)},
	{"name-too-long", regexp.MustCompile(`^the name .* bytes long: Go names made from it are cut to`)},
	{"names-no-match", regexp.MustCompile(`^names\.(schemas|properties|operations) entry .* names no `)},
	{"one-of-and-any-of", regexp.MustCompile(`^both oneOf and anyOf`)},
	{"path-query-string", regexp.MustCompile(`^the path .* has a query string`)},
	{"pattern-properties-untyped", regexp.MustCompile(`^patternProperties `)},
	{"security-scheme-unsupported", regexp.MustCompile(`^security scheme .* gets no client option`)},
	{"security-scheme-undeclared", regexp.MustCompile(`^the security requirement names .* which components\.securitySchemes does not declare`)},
	{"union-beside-properties", regexp.MustCompile(`^the (properties|allOf) beside (oneOf|anyOf) (are|is) not typed`)},
	{"unknown-format", regexp.MustCompile(`^unknown format `)},
	{"unknown-type", regexp.MustCompile(`^unknown type .* is read as any JSON value`)},
	{"webhook-event-type-repeated", regexp.MustCompile(`^the webhook events of .* both have `)},
	{"webhook-untyped", regexp.MustCompile(`^the (webhook|callback) .* has no JSON request body of a named object or union type`)},

	// Errors in the document.
	{"circular-allof", regexp.MustCompile(`^circular allOf: `)},
	{"circular-reference", regexp.MustCompile(`^circular reference: `)},
	{"complex-key", regexp.MustCompile(`^a mapping key that is not a string`)},
	{"duplicate-key", regexp.MustCompile(`^duplicate key `)},
	{"empty-file", regexp.MustCompile(`^the file is empty`)},
	{"invalid-schema", regexp.MustCompile(`^invalid schema`)},
	{"invalid-syntax", regexp.MustCompile(`^not valid (YAML|JSON)`)},
	{"not-openapi", regexp.MustCompile(`^(not an OpenAPI document|Swagger 2\.0 is not supported)`)},
	{"lone-cr", regexp.MustCompile(`^a carriage return \(CR\) without a line feed`)},
	{"media-type-invalid", regexp.MustCompile(`^the media type .* holds a control character`)},
	{"parameter-in-invalid", regexp.MustCompile(`^parameter .* is in .*; want path, query, header or cookie`)},
	{"path-parameter-missing", regexp.MustCompile(`^the path .* has \{.*\} but the operation declares no path parameter`)},
	{"path-parameter-not-in-path", regexp.MustCompile(`^path parameter .* does not appear in the path`)},
	{"ref-cycle", regexp.MustCompile(`^\$ref .* refers back to a path item or callback|^the alias .* is inside its own anchor`)},
	{"ref-invalid", regexp.MustCompile(`^\$ref (must be a string|.*: a JSON pointer starts with a slash)`)},
	{"ref-not-schema", regexp.MustCompile(`^\$ref .* points to .*, not to a schema`)},
	{"ref-outside-spec", regexp.MustCompile(`^\$ref .*(leaves the spec's folder|is an absolute|is remote|symbolic link out of the spec's folder|points into another file)`)},
	{"ref-unresolved", regexp.MustCompile(`^\$ref .*(points to nothing|does not exist|has nothing at|names no schema)`)},
	{"schema-not-object", regexp.MustCompile(`^a schema must be an object`)},
	{"spec-too-large", regexp.MustCompile(`(oagen reads specs (of up to|nested up to|up to that size)|nested more than \d+ levels deep)`)},
	{"two-documents", regexp.MustCompile(`^the file holds a second YAML document`)},
	{"x-go-name-invalid", regexp.MustCompile(`^x-go-name must be a string`)},
	{"yaml-tag", regexp.MustCompile(`^the YAML tag .* is not supported`)},

	// Errors in Go names, pinned or derived.
	{"go-name-collision", regexp.MustCompile(`^Go name .* collides with `)},
	{"go-name-invalid", regexp.MustCompile(`^Go name .* is not an exported Go identifier`)},

	// Errors in oagen.yaml.
	{"config-filter-keeps-nothing", regexp.MustCompile(`^the include and exclude filters keep none`)},
	{"config-filter-no-match", regexp.MustCompile(`^(include|exclude)\.(tags|paths|operations) entry .* matches no operation`)},
	{"config-format-mismatch", regexp.MustCompile(`^formats\.[^:]*: .* is for .* schemas, but `)},
	{"config-pagination", regexp.MustCompile(`^pagination(\.| entry | must )`)},
	{"config-stream-mismatch", regexp.MustCompile(`^streams entry .* (names no operationId|names no component schema|has no text/event-stream response)`)},
	{"config-invalid", regexp.MustCompile(`^(unknown key |key .* is repeated|.* must be a (mapping|string|list of strings)|.* entry is empty|formats\.[^:]*: unknown Go type|(include|exclude)\.paths entry .* is not a valid pattern|webhooks\.(signature|tolerance|event-type): )`)},
}

// Code returns the kind of d, CodeUnclassified when no rule knows its
// message.
func (d *Diagnostic) Code() Code {
	for _, r := range codeRules {
		if r.re.MatchString(d.Message) {
			return r.code
		}
	}
	return CodeUnclassified
}

// Codes lists every code a diagnostic can have, CodeUnclassified last.
func Codes() []Code {
	out := make([]Code, 0, len(codeRules)+1)
	seen := map[Code]bool{}
	for _, r := range codeRules {
		if !seen[r.code] {
			seen[r.code] = true
			out = append(out, r.code)
		}
	}
	return append(out, CodeUnclassified)
}

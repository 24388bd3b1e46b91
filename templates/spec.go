package templates

import "time"

// Per-spec values. The emitter writes the real ones into each generated
// package; these stand-ins only let this package compile and be tested.
const (
	defaultBaseURL = "https://api.example.com/v1"
	envAPIKey      = "EXAMPLE_API_KEY"
	envBaseURL     = "EXAMPLE_BASE_URL"
	userAgent      = "oagen-example/1.0"
)

// authSchemes stands in for the spec's security schemes, one of each kind.
var authSchemes = map[string]authScheme{
	"bearer":    {kind: authBearer, defaultKey: true},
	"basic":     {kind: authBasic},
	"digest":    {kind: authHTTP, param: "Digest"},
	"headerKey": {kind: authHeader, param: "X-API-Key", defaultKey: true},
	"queryKey":  {kind: authQuery, param: "api_key", defaultKey: true},
	"cookieKey": {kind: authCookie, param: "session", defaultKey: true},
	"oauth":     {kind: authBearer},
}

// defaultSecurity stands in for the document's security requirement.
var defaultSecurity = [][]string{{"bearer"}}

// webhookTolerance stands in for the spec's webhook timestamp tolerance
// (oagen.yaml webhooks.tolerance).
const webhookTolerance = 5 * time.Minute

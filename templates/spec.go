package templates

// Per-spec values. The emitter writes the real ones into each generated
// package; these stand-ins only let this package compile and be tested.
const (
	defaultBaseURL = "https://api.example.com/v1"
	envAPIKey      = "EXAMPLE_API_KEY"
	envBaseURL     = "EXAMPLE_BASE_URL"
	userAgent      = "oagen-example/1.0"
)

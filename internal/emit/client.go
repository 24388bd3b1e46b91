package emit

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// clientFile holds the per-spec values the support code reads: the default
// server and the environment variables chosen at generation time.
func clientFile(f *jen.File, api *model.API, opts Options) bool {
	base := ""
	if len(api.Servers) > 0 {
		base = serverURL(api.Servers[0])
	}
	prefix := strings.ToUpper(strings.Trim(opts.EnvPrefix, "_"))
	if prefix != "" {
		prefix += "_"
	}
	ua := opts.Package
	if api.Version != "" {
		ua += "/" + sanitizeLine(api.Version)
	}
	f.Const().Defs(
		jen.Comment("defaultBaseURL is the spec's first server."),
		jen.Id("defaultBaseURL").Op("=").Lit(base),
		jen.Comment("envAPIKey names the environment variable WithAPIKey defaults to."),
		jen.Id("envAPIKey").Op("=").Lit(prefix+"API_KEY"),
		jen.Comment("envBaseURL names the environment variable WithBaseURL defaults to."),
		jen.Id("envBaseURL").Op("=").Lit(prefix+"BASE_URL"),
		jen.Comment("userAgent is sent with every request."),
		jen.Id("userAgent").Op("=").Lit(ua+" (oagen)"),
	)
	return true
}

// serverURL fills a server URL's variables with their defaults.
func serverURL(s model.Server) string {
	u := s.URL
	for _, v := range s.Variables {
		u = strings.ReplaceAll(u, "{"+v.Name+"}", v.Default)
	}
	return u
}

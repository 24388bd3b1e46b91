package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// clientFile declares Client, NewClient, the service types, and the
// per-spec values the support code reads: the default server and the
// environment variables chosen at generation time.
func clientFile(f *jen.File, api *model.API, opts Options) bool {
	base := ""
	if len(api.Servers) > 0 {
		base = serverURL(api.Servers[0])
	}
	keyVar, urlVar := envNames(opts.EnvPrefix)
	ua := opts.Package
	if api.Version != "" {
		ua += "/" + sanitizeLine(api.Version)
	}
	f.Const().Defs(
		jen.Comment("defaultBaseURL is the spec's first server."),
		jen.Id("defaultBaseURL").Op("=").Lit(base),
		jen.Comment("envAPIKey names the environment variable WithAPIKey defaults to."),
		jen.Id("envAPIKey").Op("=").Lit(keyVar),
		jen.Comment("envBaseURL names the environment variable WithBaseURL defaults to."),
		jen.Id("envBaseURL").Op("=").Lit(urlVar),
		jen.Comment("userAgent is sent with every request."),
		jen.Id("userAgent").Op("=").Lit(ua+" (oagen)"),
	)
	f.Line()
	securityDecls(f, api, keyVar)
	serverDecls(f, api)
	f.Line()

	title := sanitizeLine(api.Title)
	if title == "" {
		title = "the API"
	}
	f.Add(comment(fmt.Sprintf("Client calls %s. Its fields group the operations by tag. "+
		"Make one with NewClient; it is safe for concurrent use.", title)))
	services := clientServices(api)
	f.Type().Id("Client").StructFunc(func(g *jen.Group) {
		g.Id("core").Op("*").Id("clientCore")
		for _, s := range services {
			g.Line()
			g.Add(fieldComment(serviceDoc(s, s.GoName)...))
			g.Id(s.GoName).Op("*").Id(s.TypeName)
		}
	})
	f.Line()
	doc := "NewClient returns a client configured by opts, which also apply to every call and can be given again per call. "
	switch {
	case base == "":
		doc += fmt.Sprintf("The spec names no server: set $%s or use WithBaseURL. The API key is read from $%s.", urlVar, keyVar)
	case !strings.Contains(base, "://"):
		// A relative server (/api/v1) is relative to where the spec is
		// served, which the generated code cannot know.
		doc += fmt.Sprintf("The spec's server, %q, is relative to where the API is served: set $%s or use WithBaseURL with the absolute URL, "+
			"such as \"https://api.example.com%s\". The API key is read from $%s.", sanitizeLine(base), urlVar, sanitizeLine(strings.TrimRight(base, "/")), keyVar)
	default:
		doc += fmt.Sprintf("Without options it sends requests to %s (or $%s when set), with the API key in $%s.", sanitizeLine(base), urlVar, keyVar)
	}
	f.Add(comment(doc))
	f.Func().Id("NewClient").Params(jen.Id("opts").Op("...").Id("Option")).Op("*").Id("Client").BlockFunc(func(g *jen.Group) {
		g.Id("core").Op(":=").Id("newClientCore").Call(jen.Id("opts"))
		g.Return(jen.Op("&").Id("Client").Values(jen.DictFunc(func(d jen.Dict) {
			d[jen.Id("core")] = jen.Id("core")
			for _, s := range services {
				d[jen.Id(s.GoName)] = newService(s)
			}
		})))
	})
	f.Line()
	rawMethod(f)
	for _, s := range services {
		serviceType(f, s)
		for _, sub := range s.Subs {
			serviceType(f, sub)
		}
	}
	return true
}

// serviceType declares a service's struct: the client's core and a field
// per sub-service.
func serviceType(f *jen.File, s *model.Service) {
	f.Line()
	f.Add(comment(serviceDoc(s, s.TypeName)...))
	f.Type().Id(s.TypeName).StructFunc(func(g *jen.Group) {
		g.Id("core").Op("*").Id("clientCore")
		for _, sub := range s.Subs {
			g.Line()
			g.Add(fieldComment(serviceDoc(sub, sub.GoName)...))
			g.Id(sub.GoName).Op("*").Id(sub.TypeName)
		}
	})
}

// newService is the value of a service of the client: its core and its
// sub-services.
func newService(s *model.Service) *jen.Statement {
	return jen.Op("&").Id(s.TypeName).Values(jen.DictFunc(func(d jen.Dict) {
		d[jen.Id("core")] = jen.Id("core")
		for _, sub := range s.Subs {
			d[jen.Id(sub.GoName)] = newService(sub)
		}
	}))
}

// clientServices are the services with operations a client calls: webhooks
// are requests the API sends, so they get types but no methods.
func clientServices(api *model.API) []*model.Service {
	var out []*model.Service
	for _, s := range api.Services {
		c := clientOps(s)
		for _, sub := range s.Subs {
			if cs := clientOps(sub); len(cs.Operations) > 0 {
				cs.Parent = c
				c.Subs = append(c.Subs, cs)
			}
		}
		if len(c.Operations) > 0 || len(c.Subs) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// clientOps is a copy of s with only the operations a client calls and no
// sub-services.
func clientOps(s *model.Service) *model.Service {
	c := *s
	c.Operations, c.Subs = nil, nil
	for _, op := range s.Operations {
		if !op.Webhook {
			c.Operations = append(c.Operations, op)
		}
	}
	return &c
}

func serviceDoc(s *model.Service, name string) []string {
	if s.Parent != nil {
		// A line the path starts is prose: comment writes it after "// ".
		return []string{fmt.Sprintf("%s holds the operations on the %s of %s: the paths under %s.",
			name, strings.ReplaceAll(sanitizeLine(s.Resource), "_", " "), s.Parent.GoName, sanitizeLine(subPathOf(s)))}
	}
	if s.Tag == "" {
		return []string{fmt.Sprintf("%s holds the operations without a tag.", name)}
	}
	return []string{fmt.Sprintf("%s holds the operations tagged %q.", name, sanitizeLine(s.Tag))}
}

// envNames are the environment variables the client reads: PREFIX_API_KEY
// and PREFIX_BASE_URL, or API_KEY and BASE_URL without a prefix.
func envNames(prefix string) (apiKey, baseURL string) {
	prefix = strings.ToUpper(strings.Trim(prefix, "_"))
	if prefix != "" {
		prefix += "_"
	}
	return prefix + "API_KEY", prefix + "BASE_URL"
}

// keyVar is the API-key environment variable of the package.
func keyVar(opts Options) string {
	k, _ := envNames(opts.EnvPrefix)
	return k
}

// serverURL fills a server URL's variables with their defaults.
func serverURL(s model.Server) string {
	u := s.URL
	for _, v := range s.Variables {
		u = strings.ReplaceAll(u, "{"+v.Name+"}", v.Default)
	}
	return u
}

// rawMethod declares Client.Do, the call for an endpoint the spec lacks.
func rawMethod(f *jen.File) {
	f.Add(comment(
		"Do calls an endpoint the spec does not describe (or not yet), the way the",
		"methods do: with the client's and the call's options, the credentials of the",
		"spec's default security, retries, limits and *APIError. path is relative to",
		"the base URL and sent as given, already escaped, with any query it carries",
		"(\"/v2/things?expand=owner\"); an absolute URL is refused.",
		"",
		"body is sent as JSON, but for nil (no body), an io.Reader (sent as",
		"application/octet-stream; WithHeader sets another Content-Type) and a []byte",
		"or json.RawMessage (sent as is, as application/json). out receives a 2xx",
		"body as a method's result does: nil discards it, a *[]byte gets it raw, an",
		"*io.ReadCloser gets the open stream (close it), anything else is decoded",
		"from JSON. A POST or PATCH is retried as a method's is.",
	))
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("Do").Params(
		jen.Id("ctx").Qual("context", "Context"),
		jen.List(jen.Id("method"), jen.Id("path")).String(),
		jen.List(jen.Id("body"), jen.Id("out")).Any(),
		jen.Id("opts").Op("...").Id("Option"),
	).Error().Block(
		jen.Return(jen.Id("c").Dot("core").Dot("raw").Call(jen.Id("ctx"), jen.Id("method"), jen.Id("path"), jen.Id("body"), jen.Id("out"), jen.Id("opts"))),
	)
}

// subPathOf is the shortest path of a sub-service's operations cut after
// its resource, e.g. "/porting_orders/{id}/phone_number_blocks".
func subPathOf(s *model.Service) string {
	best := ""
	for _, op := range s.Operations {
		i := strings.Index(op.Path, "/"+s.Resource)
		if i < 0 {
			continue
		}
		p := op.Path[:i+1+len(s.Resource)]
		if best == "" || len(p) < len(best) || len(p) == len(best) && p < best {
			best = p
		}
	}
	return best
}

package emit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// authKinds maps model.SecurityScheme.Sends to the support code's authKind.
var authKinds = map[string]string{
	"bearer": "authBearer", "basic": "authBasic", "http": "authHTTP",
	"header": "authHeader", "query": "authQuery", "cookie": "authCookie",
}

// securityDecls declares what the support code reads about security (the
// schemes by name and the document's requirement) and one client option per
// scheme the client can send.
func securityDecls(f *jen.File, api *model.API, keyVar string) {
	f.Comment("authSchemes are the spec's security schemes the client can send, by name.")
	f.Var().Id("authSchemes").Op("=").Map(jen.String()).Id("authScheme").Values(jen.DictFunc(func(d jen.Dict) {
		for _, s := range api.SecuritySchemes {
			kind := s.Sends()
			if kind == "" {
				continue
			}
			var fields []jen.Code
			fields = append(fields, jen.Id("kind").Op(":").Id(authKinds[kind]))
			switch kind {
			case "http":
				fields = append(fields, jen.Id("param").Op(":").Lit(httpSchemeName(s.Scheme)))
			case "header", "query", "cookie":
				fields = append(fields, jen.Id("param").Op(":").Lit(s.ParamName))
			}
			if usesDefaultKey(s) {
				fields = append(fields, jen.Id("defaultKey").Op(":").True())
			}
			d[jen.Lit(s.Name)] = jen.Values(fields...)
		}
	}))
	f.Line()
	f.Add(comment(defaultSecurityDoc(api)...))
	switch reqs := defaultSecurity(api); {
	case reqs == nil:
		f.Var().Id("defaultSecurity").Index().Index().String()
	default:
		f.Var().Id("defaultSecurity").Op("=").Index().Index().String().Add(requirementValues(reqs))
	}
	// Schemes the naming pass gave one option (BearerAuth, bearerAuth:
	// the same credential sent the same way) are set by it together.
	byOption := map[string][]*model.SecurityScheme{}
	var order []string
	for _, s := range api.SecuritySchemes {
		if s.Sends() == "" {
			continue
		}
		if byOption[s.GoName] == nil {
			order = append(order, s.GoName)
		}
		byOption[s.GoName] = append(byOption[s.GoName], s)
	}
	for _, name := range order {
		f.Line()
		schemeOption(f, byOption[name], keyVar)
	}
}

// usesDefaultKey reports whether WithAPIKey's key stands in for the scheme's
// own credential: for http bearer and apiKey schemes, not for OAuth 2.0 or
// OpenID Connect tokens, which come from a token source.
func usesDefaultKey(s *model.SecurityScheme) bool {
	return s.Type == "apiKey" || s.Type == "http" && s.Scheme == "bearer"
}

// httpSchemeName spells an http authentication scheme as it is usually
// written: "digest" → "Digest".
func httpSchemeName(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// defaultSecurity is the requirement of operations that state none: the
// document's, else (a spec that declares schemes but no requirement) any one
// scheme, else nil (a spec without security: WithAPIKey as a bearer token).
func defaultSecurity(api *model.API) [][]string {
	if api.Security != nil {
		return requirementNames(api.Security)
	}
	if len(api.SecuritySchemes) == 0 {
		return nil
	}
	out := [][]string{}
	for _, s := range api.SecuritySchemes {
		if s.Sends() != "" {
			out = append(out, []string{s.Name})
		}
	}
	return out
}

func defaultSecurityDoc(api *model.API) []string {
	switch {
	case api.Security != nil:
		return []string{"defaultSecurity is the document's security requirement, which applies to", "operations that state none; see authPlan."}
	case len(api.SecuritySchemes) > 0:
		return []string{"defaultSecurity applies to operations that state no security requirement.", "The document states none either, so any one of its schemes is accepted."}
	}
	return []string{"defaultSecurity is nil: the spec declares no security, so WithAPIKey's key", "is sent as a bearer token."}
}

func requirementNames(reqs []model.SecurityRequirement) [][]string {
	out := make([][]string, len(reqs))
	for i, r := range reqs {
		out[i] = []string{}
		for _, u := range r.Schemes {
			out[i] = append(out[i], u.Name)
		}
	}
	return out
}

func requirementValues(reqs [][]string) *jen.Statement {
	return jen.ValuesFunc(func(g *jen.Group) {
		for _, alt := range reqs {
			g.ValuesFunc(func(g *jen.Group) {
				for _, n := range alt {
					g.Lit(n)
				}
			})
		}
	})
}

// operationSecurity is the statement that gives an operation its own
// requirement, or nil when the document's applies.
func operationSecurity(op *model.Operation) jen.Code {
	switch {
	case op.Security == nil:
		return nil
	case len(op.Security) == 0:
		return jen.Id("r").Dot("noAuth").Call()
	}
	var alts []jen.Code
	for _, alt := range requirementNames(op.Security) {
		alts = append(alts, jen.Index().String().ValuesFunc(func(g *jen.Group) {
			for _, n := range alt {
				g.Lit(n)
			}
		}))
	}
	return jen.Id("r").Dot("requireAuth").Call(alts...)
}

// securityDoc describes an operation's own requirement for its method's doc;
// nil when the document's applies.
func securityDoc(op *model.Operation) []string {
	if op.Security == nil {
		return nil
	}
	if len(op.Security) == 0 {
		return []string{"It sends no credentials (security: [])."}
	}
	var alts []string
	optional := false
	for _, r := range op.Security {
		if len(r.Schemes) == 0 {
			optional = true
			continue
		}
		var parts []string
		for _, u := range r.Schemes {
			p := fmt.Sprintf("%q", sanitizeLine(u.Name))
			if u.Option != "" {
				p = u.Option
			}
			if len(u.Scopes) > 0 {
				p += fmt.Sprintf(" (scopes %s)", sanitizeLine(strings.Join(u.Scopes, ", ")))
			}
			parts = append(parts, p)
		}
		alts = append(alts, strings.Join(parts, " and "))
	}
	line := "Credentials: " + strings.Join(alts, ", or ")
	if optional {
		line += "; optional"
	}
	return []string{line + "."}
}

// schemeOption declares the client option of a security scheme, or of
// several equivalent ones that it sets together (the first describes them).
func schemeOption(f *jen.File, same []*model.SecurityScheme, keyVar string) {
	s := same[0]
	var quoted []string
	for _, o := range same {
		quoted = append(quoted, fmt.Sprintf("%q", sanitizeLine(o.Name)))
	}
	name := strings.Join(quoted, " and ")
	if len(same) > 1 {
		name = "s " + name // the security schemes "BearerAuth" and "bearerAuth"
	} else {
		name = " " + name
	}
	var params []jen.Code
	var setter string   // the support function that sets one scheme
	var args []jen.Code // its arguments after the scheme's name
	var what, unset string
	switch s.Sends() {
	case "bearer":
		if s.Type == "http" {
			params = []jen.Code{jen.Id("token").String()}
			setter, args = "withSchemeKey", []jen.Code{jen.Id("token")}
			what = "a bearer token"
			if s.BearerFormat != "" {
				what += fmt.Sprintf(" (%s)", sanitizeLine(s.BearerFormat))
			}
			what += `, sent as "Authorization: Bearer <token>".`
			unset = "An empty token removes it."
			break
		}
		params = []jen.Code{jen.Id("ts").Id("TokenSource")}
		setter, args = "withSchemeToken", []jen.Code{jen.Id("ts")}
		kind := "an OAuth 2.0"
		if s.Type == "openIdConnect" {
			kind = "an OpenID Connect"
		}
		what = kind + ` access token from ts, asked for before every attempt and sent as "Authorization: Bearer <token>".`
		unset = "A nil ts removes it. See TokenSource for golang.org/x/oauth2."
	case "basic":
		params = []jen.Code{jen.Id("user"), jen.Id("password").String()}
		setter, args = "withSchemeBasic", []jen.Code{jen.Id("user"), jen.Id("password")}
		what = `a user name and password, sent as "Authorization: Basic <base64 of user:password>".`
		unset = "Both empty remove them; a user name with a colon makes the calls fail."
	case "http":
		params = []jen.Code{jen.Id("credentials").String()}
		setter, args = "withSchemeKey", []jen.Code{jen.Id("credentials")}
		what = fmt.Sprintf(`credentials sent as they are in "Authorization: %s <credentials>".`, httpSchemeName(s.Scheme))
		unset = "Empty credentials remove them."
	default: // apiKey
		params = []jen.Code{jen.Id("key").String()}
		setter, args = "withSchemeKey", []jen.Code{jen.Id("key")}
		switch s.In {
		case "header":
			what = fmt.Sprintf("an API key, sent in the %s header.", sanitizeLine(s.ParamName))
		case "query":
			what = fmt.Sprintf("an API key, sent in the query parameter %q.", sanitizeLine(s.ParamName))
		default:
			what = fmt.Sprintf("an API key, sent in the cookie %q.", sanitizeLine(s.ParamName))
		}
		unset = "An empty key removes it."
	}
	var body jen.Code
	if len(same) == 1 {
		body = jen.Id(setter).Call(append([]jen.Code{jen.Lit(s.Name)}, args...)...)
	} else {
		body = jen.Func().Params(jen.Id("c").Op("*").Id("config")).BlockFunc(func(g *jen.Group) {
			for _, o := range same {
				g.Id(setter).Call(append([]jen.Code{jen.Lit(o.Name)}, args...)...).Call(jen.Id("c"))
			}
		})
	}
	lines := []string{fmt.Sprintf("%s sets the credential of the security scheme%s: %s", s.GoName, name, what)}
	if d := docLines(s.Description, docWidth); len(d) > 0 {
		lines = append(lines, "")
		lines = append(lines, d...)
	}
	for _, fl := range s.Flows {
		l := fmt.Sprintf("Flow %s", fl.Name)
		var urls []string
		if fl.AuthorizationURL != "" {
			urls = append(urls, "authorization URL "+fl.AuthorizationURL)
		}
		if fl.TokenURL != "" {
			urls = append(urls, "token URL "+fl.TokenURL)
		}
		if len(urls) > 0 {
			l += ": " + strings.Join(urls, ", ")
		}
		if len(fl.Scopes) > 0 {
			l += "; scopes " + strings.Join(fl.Scopes, ", ")
		}
		lines = append(lines, "")
		lines = append(lines, sanitizeLine(l)+".")
	}
	if s.OpenIDConnectURL != "" {
		lines = append(lines, "", "OpenID Connect discovery: "+sanitizeLine(s.OpenIDConnectURL)+".")
	}
	last := unset
	if usesDefaultKey(s) {
		last = fmt.Sprintf("Without it, an operation that needs the scheme sends WithAPIKey's key (by default $%s) in its place. %s", keyVar, unset)
	}
	lines = append(lines, "")
	lines = append(lines, last+" The credential is never part of an error message.")
	f.Add(comment(lines...))
	f.Func().Id(s.GoName).Params(params...).Id("Option").Block(jen.Return(body))
}

// authDoc is the package doc's paragraph on authentication; nil for a spec
// without security schemes.
func authDoc(api *model.API, keyVar string) []string {
	var options []string
	tokens := false
	for _, s := range api.SecuritySchemes {
		if s.GoName != "" && !slices.Contains(options, s.GoName) {
			options = append(options, s.GoName)
			tokens = tokens || s.Type == "oauth2" || s.Type == "openIdConnect"
		}
	}
	if len(options) == 0 {
		return nil
	}
	text := fmt.Sprintf("Authentication: each security scheme of the spec has a client option (%s). "+
		"WithAPIKey, by default $%s, stands in for the http bearer and apiKey schemes without one. "+
		"A call sends the first alternative of its operation's security requirement whose credentials are all set "+
		"(an optional {} alternative counts only when no other can be met), and none when no alternative can be met.", strings.Join(options, ", "), keyVar)
	if tokens {
		text += " OAuth 2.0 and OpenID Connect schemes take a TokenSource, asked before every attempt; its doc shows how to use golang.org/x/oauth2."
	}
	return []string{text}
}

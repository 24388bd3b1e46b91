package templates

import (
	"context"
	"encoding/base64"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// TokenSource supplies the access token of an OAuth 2.0 or OpenID Connect
// security scheme, sent as "Authorization: Bearer <token>". The client calls
// Token before every attempt of a call, retries included, so a source that
// refreshes an expired token is asked again on a retry; it should cache a
// valid token rather than fetch a new one each time. An error fails the call
// before the attempt is sent, and is not retried.
//
// The package does not depend on golang.org/x/oauth2. To use one of its
// sources (which cache and refresh the token), adapt it:
//
//	src := conf.TokenSource(ctx, tok) // or a clientcredentials.Config's
//	ts := TokenSourceFunc(func(context.Context) (string, error) {
//		t, err := src.Token()
//		if err != nil {
//			return "", err
//		}
//		return t.AccessToken, nil
//	})
type TokenSource interface {
	Token(ctx context.Context) (string, error)
}

// TokenSourceFunc adapts a function to TokenSource.
type TokenSourceFunc func(ctx context.Context) (string, error)

// Token calls f.
func (f TokenSourceFunc) Token(ctx context.Context) (string, error) { return f(ctx) }

// authKind is how a security scheme's credential travels.
type authKind uint8

const (
	authBearer authKind = iota // Authorization: Bearer <token> (http bearer, oauth2, openIdConnect)
	authBasic                  // Authorization: Basic base64(user:password)
	authHTTP                   // Authorization: <param> <credentials>, another http scheme
	authHeader                 // apiKey in the header param
	authQuery                  // apiKey in the query parameter param
	authCookie                 // apiKey in the cookie param
)

// authScheme is one security scheme of the spec; the emitter writes the
// spec's into authSchemes, by name.
type authScheme struct {
	kind  authKind
	param string // the header, query parameter or cookie name; for authHTTP the scheme, e.g. "Digest"
	// defaultKey is set when WithAPIKey's key stands in for a credential of
	// the scheme's own: http bearer and apiKey schemes.
	defaultKey bool
}

// credential is the credential set for one scheme. Its parts are closures so
// that printing a config with %v or %#v shows function addresses, never a
// secret.
type credential struct {
	// value returns the token, the API key or the http credentials.
	value func(ctx context.Context) (string, error)
	// static is set when value returns a constant, which is redacted from
	// errors whether or not it was sent.
	static bool
	// basic returns the user and password of a basic scheme.
	basic func() (user, password string)
	// what names the credential in errors, e.g. `security scheme "api_key"`.
	what string
}

// setCredential sets or, for a nil cr, removes the credential of a scheme.
// The map is copied: a per-call option never changes the client's.
func (c *config) setCredential(scheme string, cr *credential) {
	c.creds = maps.Clone(c.creds)
	if cr == nil {
		delete(c.creds, scheme)
		return
	}
	if c.creds == nil {
		c.creds = map[string]credential{}
	}
	c.creds[scheme] = *cr
}

func schemeLabel(scheme string) string { return fmt.Sprintf("security scheme %q", scheme) }

// withSchemeKey sets the token, API key or credentials of a scheme; an empty
// key removes it.
func withSchemeKey(scheme, key string) Option {
	return func(c *config) {
		if key == "" {
			c.setCredential(scheme, nil)
			return
		}
		c.setCredential(scheme, &credential{
			value:  func(context.Context) (string, error) { return key, nil },
			static: true,
			what:   schemeLabel(scheme),
		})
	}
}

// withSchemeToken sets the token source of a scheme; nil removes it.
func withSchemeToken(scheme string, ts TokenSource) Option {
	return func(c *config) {
		if ts == nil {
			c.setCredential(scheme, nil)
			return
		}
		c.setCredential(scheme, &credential{value: ts.Token, what: schemeLabel(scheme)})
	}
}

// withSchemeBasic sets the user and password of a basic scheme; both empty
// removes them. A user name with a colon cannot be sent (RFC 7617) and makes
// the calls fail.
func withSchemeBasic(scheme, user, password string) Option {
	return func(c *config) {
		if user == "" && password == "" {
			c.setCredential(scheme, nil)
			return
		}
		if strings.Contains(user, ":") {
			c.fail(fmt.Errorf("%s: the user name contains a colon", schemeLabel(scheme)))
			return
		}
		c.setCredential(scheme, &credential{
			basic:  func() (string, string) { return user, password },
			static: true,
			what:   schemeLabel(scheme),
		})
	}
}

// defaultCredential is WithAPIKey's key as a credential, or nil.
func (c *config) defaultCredential() *credential {
	if c.apiKey == nil {
		return nil
	}
	key := c.apiKey
	return &credential{value: func(context.Context) (string, error) { return key(), nil }, static: true, what: "API key"}
}

// authStep is one credential to send with every attempt of a call.
type authStep struct {
	scheme authScheme
	cred   credential
}

// authPlan decides what an operation sends, before the first attempt.
//
// reqs are the operation's security requirement (its own, else the
// document's): alternatives, each a list of schemes that go together. The
// first alternative, in spec order, whose schemes all have a credential set
// with their own option is sent. When there is none, the first whose schemes
// all have one counting WithAPIKey's key for the http bearer and apiKey
// schemes without their own. So an explicit option wins over the environment
// default. An empty alternative (optional authentication, {}) is never
// chosen: when another alternative can be met its credentials are sent,
// else none. An operation none of whose alternatives can be met sends no
// credentials; so does security: [] (reqs empty, not nil). nil reqs (a spec
// that declares no security at all) send WithAPIKey's key as a bearer token.
func (c *config) authPlan(reqs [][]string) []authStep {
	if reqs == nil {
		if d := c.defaultCredential(); d != nil {
			return []authStep{{authScheme{kind: authBearer}, *d}}
		}
		return nil
	}
	def := c.defaultCredential()
	for pass := 0; pass < 2; pass++ {
	alternatives:
		for _, alt := range reqs {
			if len(alt) == 0 {
				continue
			}
			steps := make([]authStep, 0, len(alt))
			for _, name := range alt {
				s, ok := authSchemes[name]
				if !ok {
					continue alternatives // not declared, or not supported
				}
				cr, ok := c.creds[name]
				if !ok && pass == 1 && s.defaultKey && def != nil {
					cr, ok = *def, true
				}
				if !ok || (s.kind == authBasic) != (cr.basic != nil) {
					continue alternatives
				}
				steps = append(steps, authStep{s, cr})
			}
			return steps
		}
	}
	return nil
}

// secrets returns the static credentials of the config, to keep out of
// errors whether or not a call sends them.
func (c *config) secrets() []string {
	var out []string
	add := func(cr credential) {
		if !cr.static {
			return
		}
		if cr.basic != nil {
			user, password := cr.basic()
			out = addSecret(out, password)
			out = addSecret(out, base64.StdEncoding.EncodeToString([]byte(user+":"+password)))
			return
		}
		v, _ := cr.value(context.Background())
		out = addSecret(out, v)
	}
	if d := c.defaultCredential(); d != nil {
		add(*d)
	}
	for _, k := range slices.Sorted(maps.Keys(c.creds)) {
		add(c.creds[k])
	}
	return out
}

// addSecret adds s, and the escaped form it takes in a query string, to
// list, which it keeps sorted longest first. A secret shorter than
// minSecretLen is not added: replacing every occurrence of so short a string
// would garble messages, and it guards nothing.
func addSecret(list []string, s string) []string {
	if len(s) < minSecretLen {
		return list
	}
	for _, v := range []string{s, queryEscape(s)} {
		if !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	// Longest first: a secret that starts with another must be replaced
	// whole, not after the shorter one has cut it in two.
	slices.SortStableFunc(list, func(a, b string) int { return len(b) - len(a) })
	return list
}

// authorize adds the credentials of plan to one attempt's request. Token
// sources are asked here, once per attempt, and what they return is added to
// secrets. A credential that cannot be sent fails the call: its value is
// never quoted.
func authorize(ctx context.Context, req *http.Request, plan []authStep, secrets *[]string) error {
	for _, st := range plan {
		if st.scheme.kind == authBasic {
			user, password := st.cred.basic()
			req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(user+":"+password)))
			continue
		}
		v, err := st.cred.value(ctx)
		if err != nil {
			return fmt.Errorf("%s: get token: %w", st.cred.what, err)
		}
		if !st.cred.static {
			*secrets = addSecret(*secrets, v)
		}
		if v == "" {
			return fmt.Errorf("%s: the token source returned an empty token", st.cred.what)
		}
		switch st.scheme.kind {
		case authQuery:
			q := queryEscape(st.scheme.param) + "=" + queryEscape(v)
			if req.URL.RawQuery != "" {
				q = req.URL.RawQuery + "&" + q
			}
			req.URL.RawQuery = q
			continue
		case authCookie:
			if strings.ContainsAny(v, ";,\" \\") || checkHeader("Cookie", v) != nil {
				return fmt.Errorf("invalid %s: it contains a control character, a space or one of ;,\"\\", st.cred.what)
			}
			c := st.scheme.param + "=" + v
			if old := req.Header.Get("Cookie"); old != "" {
				c = old + "; " + c
			}
			req.Header.Set("Cookie", c)
			continue
		}
		name, value := "Authorization", "Bearer "+v
		switch st.scheme.kind {
		case authHTTP:
			value = st.scheme.param + " " + v
		case authHeader:
			name, value = st.scheme.param, v
		}
		if checkHeader(name, value) != nil {
			return fmt.Errorf("invalid %s: it contains a control character", st.cred.what)
		}
		req.Header.Set(name, value)
	}
	return nil
}

// authHeaders are the headers that carry credentials, dropped on a redirect
// to another origin.
func authHeaders() []string {
	out := []string{"Authorization", "Cookie"}
	for _, s := range authSchemes {
		if s.kind == authHeader {
			out = append(out, s.param)
		}
	}
	return out
}

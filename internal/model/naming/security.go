package naming

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/oagen-dev/oagen/internal/model"
)

func init() {
	// The support code's authentication types.
	Reserved = append(Reserved, "TokenSource", "TokenSourceFunc")
}

// securityNames names each supported security scheme's client option,
// "With" + the scheme's key (petstore_auth → WithPetstoreAuth). A name that
// the support code already declares (api_key → WithAPIKey) gets "Auth"
// appended. Keys that give the same name and send the same credential the
// same way (BearerAuth, bearerAuth) share one option. Other keys that give
// the same name are ranked as types are: a key that already is the Go name
// first, then by key; the others get a numeric suffix. So the names do not
// depend on the order of the spec.
func securityNames(api *model.API, taken *nameSet) {
	var schemes []*model.SecurityScheme
	for _, s := range api.SecuritySchemes {
		if s.Unsupported == "" {
			schemes = append(schemes, s)
		}
	}
	rank := func(s *model.SecurityScheme) int {
		if Exported(s.Name) == s.Name {
			return 0
		}
		return 1
	}
	sort.SliceStable(schemes, func(i, j int) bool {
		if ri, rj := rank(schemes[i]), rank(schemes[j]); ri != rj {
			return ri < rj
		}
		return schemes[i].Name < schemes[j].Name
	})
	// Schemes that would take one name and send the same credential the
	// same way (BearerAuth and bearerAuth, both http bearer) share one
	// option, which sets both: a user cannot tell them apart, and
	// WithBearerAuth2 beside WithBearerAuth would only make them guess.
	var leaders []*model.SecurityScheme
	var names []string
	var followers [][2]*model.SecurityScheme // follower, leader
	for _, s := range schemes {
		base := Exported(s.Name)
		if base == "" {
			base = "Auth"
		}
		name := "With" + base
		if taken.has(name) {
			name += "Auth"
		}
		if i := slices.IndexFunc(leaders, func(l *model.SecurityScheme) bool { return equivalent(l, s) }); i >= 0 && names[i] == name {
			followers = append(followers, [2]*model.SecurityScheme{s, leaders[i]})
			continue
		}
		leaders = append(leaders, s)
		names = append(names, name)
	}
	claimAll(taken, leaders, names, func(s *model.SecurityScheme, name string) { s.GoName = name })
	for _, f := range followers {
		f[0].GoName = f[1].GoName
	}
	options := map[string]string{}
	for _, s := range schemes {
		options[s.Name] = s.GoName
	}
	setOptions := func(reqs []model.SecurityRequirement) {
		for _, r := range reqs {
			for i := range r.Schemes {
				r.Schemes[i].Option = options[r.Schemes[i].Name]
			}
		}
	}
	setOptions(api.Security)
	for _, op := range api.Operations {
		setOptions(op.Security)
	}
}

// equivalent reports whether two schemes take the same credential and send
// it the same way: two http schemes of one kind, or two apiKeys with the
// same name and place. OAuth 2.0 and OpenID Connect schemes differ in
// their flows and scopes, so they are never equivalent.
func equivalent(a, b *model.SecurityScheme) bool {
	if a.Type != b.Type {
		return false
	}
	switch a.Type {
	case "http":
		return strings.EqualFold(a.Scheme, b.Scheme)
	case "apiKey":
		return a.In == b.In && a.ParamName == b.ParamName
	}
	return false
}

// maxServerWords is the longest description a server is named after;
// longer ones ("Version 2.0.0 of the Telnyx API") name it by its index.
const maxServerWords = 4

// serverNames names each server's URL constant or function: "Server" + its
// description + "URL" when the description is short (ServerProductionURL),
// else "Server" + its 1-based index (Server2URL), the first one plain
// ServerURL. A variable with an enum
// gets a string type named after the server and the variable
// (ServerRegionalRegion) and a constant per value.
func serverNames(api *model.API, taken *nameSet) {
	for i := range api.Servers {
		s := &api.Servers[i]
		words := wordsOf(s.Description)
		// The first server, the default, is plain Server: the only one in
		// most specs, where Server1URL would count to one.
		base := "Server" + fmt.Sprint(i+1)
		if i == 0 {
			base = "Server"
		}
		if len(words) > 0 && len(words) <= maxServerWords {
			base = "Server" + Pascal(words)
		}
		s.GoName = claim(taken, base+"URL")
		stem := strings.TrimSuffix(s.GoName, "URL")
		locals := map[string]bool{"serverVar": true}
		for j := range s.Variables {
			v := &s.Variables[j]
			if !s.Used(v.Name) {
				continue
			}
			v.Param = Local(v.Name, locals)
			if len(v.Enum) == 0 {
				continue
			}
			v.TypeName = claim(taken, stem+Exported(v.Name))
			for k, e := range v.Enum {
				name := Pascal(wordsOf(e))
				if name == "" {
					name = fmt.Sprintf("Value%d", k+1)
				}
				v.Consts = append(v.Consts, claim(taken, v.TypeName+name))
			}
		}
	}
}

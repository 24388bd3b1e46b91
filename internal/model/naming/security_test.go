package naming_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/oagen-dev/oagen/internal/model"
	"github.com/oagen-dev/oagen/internal/model/naming"
)

func TestSecuritySchemeOptionNames(t *testing.T) {
	scheme := func(name string) *model.SecurityScheme {
		return &model.SecurityScheme{Name: name, Type: "http", Scheme: "bearer"}
	}
	mtls := &model.SecurityScheme{Name: "mtls", Type: "mutualTLS", Unsupported: "transport"}
	for _, order := range [][]string{{"bearerAuth", "BearerAuth"}, {"BearerAuth", "bearerAuth"}} {
		api := &model.API{}
		for _, n := range order {
			api.SecuritySchemes = append(api.SecuritySchemes, scheme(n))
		}
		api.SecuritySchemes = append(api.SecuritySchemes, scheme("api_key"), scheme("petstore_auth"), scheme("-"), mtls,
			// One name, two ways of sending a key: two options.
			&model.SecurityScheme{Name: "Key", Type: "apiKey", In: "header", ParamName: "X-Key"},
			&model.SecurityScheme{Name: "key", Type: "apiKey", In: "query", ParamName: "key"})
		api.Types = []*model.Type{{Kind: model.KindStruct, Named: true, Component: "WithPetstoreAuth", NameHint: []string{"WithPetstoreAuth"}, Pointer: "#/components/schemas/WithPetstoreAuth"}}
		api.Security = []model.SecurityRequirement{{Schemes: []model.SchemeUse{{Name: "api_key"}, {Name: "mtls"}, {Name: "nope"}}}}
		naming.Resolve(api)
		got := map[string]string{}
		for _, s := range api.SecuritySchemes {
			got[s.Name] = s.GoName
		}
		assert.Equal(t, map[string]string{
			"BearerAuth":    "WithBearerAuth", // already the Go name: it ranks first, whatever the order
			"bearerAuth":    "WithBearerAuth", // the same credential sent the same way: one option sets both
			"Key":           "WithKey",
			"key":           "WithKey2",
			"api_key":       "WithAPIKeyAuth",       // WithAPIKey is the support code's
			"petstore_auth": "WithPetstoreAuthAuth", // a schema took WithPetstoreAuth
			"-":             "WithEmpty",
			"mtls":          "",
		}, got, "order %v", order)
		assert.Equal(t, []model.SchemeUse{{Name: "api_key", Option: "WithAPIKeyAuth"}, {Name: "mtls"}, {Name: "nope"}}, api.Security[0].Schemes)
	}
}

func TestServerNames(t *testing.T) {
	api := &model.API{
		Servers: []model.Server{
			{URL: "https://api.example.com", Description: "Production"},
			{URL: "https://{region}.example.com/{type}", Description: "Regional API", Variables: []model.ServerVariable{
				{Name: "region", Enum: []string{"us-east", "", "EU"}},
				{Name: "type"},
				{Name: "unused", Enum: []string{"a"}},
			}},
			{URL: "http://localhost", Description: "A server described at more length than a name"},
			{URL: "http://staging", Description: "production"},
		},
		Types: []*model.Type{{Kind: model.KindStruct, Named: true, Component: "ServerRegionalAPIRegion", NameHint: []string{"ServerRegionalAPIRegion"}, Pointer: "#/components/schemas/ServerRegionalAPIRegion"}},
	}
	naming.Resolve(api)
	var names []string
	for _, s := range api.Servers {
		names = append(names, s.GoName)
	}
	assert.Equal(t, []string{"ServerProductionURL", "ServerRegionalAPIURL", "Server3URL", "ServerProductionURL2"}, names)
	vs := api.Servers[1].Variables
	assert.Equal(t, "region", vs[0].Param)
	assert.Equal(t, "ServerRegionalAPIRegion2", vs[0].TypeName, "a schema took the plain name")
	assert.Equal(t, []string{"ServerRegionalAPIRegion2UsEast", "ServerRegionalAPIRegion2Value2", "ServerRegionalAPIRegion2Eu"}, vs[0].Consts)
	assert.Equal(t, "type_", vs[1].Param, "a keyword is not a parameter name")

	api = &model.API{Servers: []model.Server{{URL: "https://api.example.com"}, {URL: "https://eu.example.com"}}}
	naming.Resolve(api)
	assert.Equal(t, []string{"ServerURL", "Server2URL"}, []string{api.Servers[0].GoName, api.Servers[1].GoName},
		"the default server without a description is plain ServerURL")
	assert.Empty(t, vs[1].TypeName)
	assert.Empty(t, vs[2].Param, "not in the URL: no parameter")
}

package load_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/model"
)

func TestSecuritySchemes(t *testing.T) {
	api := mustLoad(t, `openapi: 3.1.0
info: {title: t, version: "1"}
security:
  - key: []
paths:
  /a:
    get:
      security:
        - oauth: [read, write]
          key: []
        - {}
      responses: {"204": {description: ok}}
  /b:
    get:
      security: []
      responses: {"204": {description: ok}}
  /c:
    get:
      responses: {"204": {description: ok}}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
    oauth:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: https://a.example.com/auth
          tokenUrl: https://a.example.com/token
          scopes: {write: w, read: r}
        clientCredentials:
          tokenUrl: https://a.example.com/token
          scopes: {}
    oidc: {type: openIdConnect, openIdConnectUrl: https://a.example.com/.well-known/openid-configuration}
    basic: {type: http, scheme: Basic}
    mtls: {type: mutualTLS}
    badKey: {type: apiKey, in: header, name: "X Key"}
    badIn: {type: apiKey, in: body, name: k}
    odd: {type: magic}
`)
	byName := map[string]*model.SecurityScheme{}
	for _, s := range api.SecuritySchemes {
		byName[s.Name] = s
	}
	require.Len(t, byName, 8)
	assert.Equal(t, "header", byName["key"].Sends())
	assert.Equal(t, "basic", byName["basic"].Sends(), "the scheme name is case-insensitive")
	assert.Equal(t, "bearer", byName["oidc"].Sends())
	assert.Equal(t, "https://a.example.com/.well-known/openid-configuration", byName["oidc"].OpenIDConnectURL)
	assert.Equal(t, []model.OAuthFlow{
		{Name: "clientCredentials", TokenURL: "https://a.example.com/token"},
		{Name: "authorizationCode", AuthorizationURL: "https://a.example.com/auth", TokenURL: "https://a.example.com/token", Scopes: []string{"write", "read"}},
	}, byName["oauth"].Flows)
	for _, n := range []string{"mtls", "badKey", "badIn", "odd"} {
		assert.NotEmpty(t, byName[n].Unsupported, n)
		assert.Empty(t, byName[n].Sends(), n)
	}
	var warns []string
	for _, w := range api.Warnings {
		warns = append(warns, w.Error())
	}
	assert.Equal(t, []string{
		`spec.yml:35:11: #/components/securitySchemes/mtls: security scheme "mtls" gets no client option: mutualTLS is configured on the transport: pass an *http.Client with a client certificate to WithHTTPClient`,
		`spec.yml:36:13: #/components/securitySchemes/badKey: security scheme "badKey" gets no client option: apiKey name "X Key" is not a valid header name`,
		`spec.yml:37:12: #/components/securitySchemes/badIn: security scheme "badIn" gets no client option: apiKey location "body" is not header, query or cookie`,
		`spec.yml:38:10: #/components/securitySchemes/odd: security scheme "odd" gets no client option: unknown type "magic"`,
	}, warns)

	assert.Equal(t, []model.SecurityRequirement{{Schemes: []model.SchemeUse{{Name: "key", Scopes: nil}}}}, api.Security)
	ops := map[string]*model.Operation{}
	for _, op := range api.Operations {
		ops[op.Path] = op
	}
	assert.Equal(t, []model.SecurityRequirement{
		{Schemes: []model.SchemeUse{{Name: "oauth", Scopes: []string{"read", "write"}}, {Name: "key", Scopes: nil}}},
		{},
	}, ops["/a"].Security, "AND in document order, then the optional {}")
	assert.NotNil(t, ops["/b"].Security)
	assert.Empty(t, ops["/b"].Security, "security: [] is empty, not nil")
	assert.Nil(t, ops["/c"].Security, "the document's default applies")
}

func TestUndeclaredSchemeWarns(t *testing.T) {
	api := mustLoad(t, `openapi: 3.1.0
info: {title: t, version: "1"}
security:
  - ghost: []
paths:
  /a:
    get:
      security:
        - key: []
          "a/b": []
      responses: {"204": {description: ok}}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
`)
	var warns []string
	for _, w := range api.Warnings {
		warns = append(warns, w.Error())
	}
	assert.Equal(t, []string{
		`spec.yml:4:12: #/security/0/ghost: the security requirement names "ghost", which components.securitySchemes does not declare: the client never sends it`,
		`spec.yml:10:18: #/paths/~1a/get/security/0/a~1b: the security requirement names "a/b", which components.securitySchemes does not declare: the client never sends it`,
	}, warns)
}

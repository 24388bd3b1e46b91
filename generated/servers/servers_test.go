package servers

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServerURLs(t *testing.T) {
	assert.Equal(t, "https://api.example.com/v1", ServerProductionURL)
	assert.Equal(t, defaultBaseURL, ServerProductionURL, "the first server is the default")

	assert.Equal(t, "https://eu.api.example.com:8443/v2", ServerRegionalURL(ServerRegionalRegionEu, "8443", "v2"))
	assert.Equal(t, "https://ap-south.api.example.com:443/v1", ServerRegionalURL(ServerRegionalRegionApSouth, "443", "v1"))
	assert.Equal(t, "http://localhost:8080", Server3URL("8080"))
	assert.Equal(t, "https://sandbox.example.com/v2-beta", ServerSandboxURL(ServerSandboxVersionV2Beta))

	// The enum constants hold the spec's values.
	assert.Equal(t, []ServerRegionalRegion{"us", "eu", "ap-south"}, []ServerRegionalRegion{ServerRegionalRegionUs, ServerRegionalRegionEu, ServerRegionalRegionApSouth})
	assert.Equal(t, []ServerSandboxVersion{"v1", "v2-beta"}, []ServerSandboxVersion{ServerSandboxVersionV1, ServerSandboxVersionV2Beta})
}

// A value cannot leave its place in the URL: not another host, port, path,
// query or userinfo.
func TestServerVariablesAreEscaped(t *testing.T) {
	for _, tc := range []struct {
		got, want string
		host      string // the host the URL names
	}{
		{ServerRegionalURL("evil.com/x?", "443", "v1"), "https://evil.com%2Fx%3F.api.example.com:443/v1", ""},
		{ServerRegionalURL("us", "443@evil.com", "v1"), "https://us.api.example.com:443%40evil.com/v1", ""},
		{ServerRegionalURL("us", "443", "../admin"), "https://us.api.example.com:443/..%2Fadmin", "us.api.example.com"},
		{ServerRegionalURL("us", "443", ".."), "https://us.api.example.com:443/%2E%2E", "us.api.example.com"},
		{ServerSandboxURL("v1#frag"), "https://sandbox.example.com/v1%23frag", "sandbox.example.com"},
		{Server3URL("80/evil"), "http://localhost:80%2Fevil", ""},
	} {
		assert.Equal(t, tc.want, tc.got)
		u, err := url.Parse(tc.got)
		if tc.host == "" {
			// Not a valid URL: the client refuses it rather than going elsewhere.
			if err == nil {
				assert.NotContains(t, u.Hostname(), "evil", tc.got)
			}
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tc.host, u.Hostname())
		assert.Empty(t, u.RawQuery)
		assert.Empty(t, u.Fragment)
	}

	// A bad host part makes the call fail before anything is sent.
	err := NewClient(WithBaseURL(ServerRegionalURL("evil.com/x?", "443", "v1"))).Default.Ping(context.Background())
	assert.EqualError(t, err, "GET /ping: invalid base URL: want an absolute http or https URL without query or fragment")
}

// A server URL is what WithBaseURL takes.
func TestServerURLAsBaseURL(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.Path
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	require.NoError(t, NewClient(WithBaseURL(Server3URL(u.Port())+"/")).Default.Ping(context.Background()))
	assert.Equal(t, "/ping", got)
}

package templates

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestServerVar(t *testing.T) {
	for in, want := range map[string]string{
		"eu":                  "eu",
		"v1.2-beta_~x":        "v1.2-beta_~x",
		"":                    "",
		"evil.com/x?y#z":      "evil.com%2Fx%3Fy%23z",
		"user@evil.com":       "user%40evil.com",
		"evil.com:8080":       "evil.com%3A8080",
		"..":                  "%2E%2E",
		".":                   "%2E",
		"a b%":                "a%20b%25",
		"é":                   "%C3%A9",
		"x\r\nHost: evil.com": "x%0D%0AHost%3A%20evil.com",
	} {
		assert.Equal(t, want, serverVar(in), in)
	}
	// In a host, an escaped value cannot name another host.
	u, err := url.Parse("https://" + serverVar("evil.com/") + ".api.example.com/v1")
	if err == nil {
		assert.NotEqual(t, "evil.com", u.Hostname())
	}
}

package gen

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPaginationConfig declares an iterator the spec's names do not reveal,
// and turns a detected one off.
func TestPaginationConfig(t *testing.T) {
	spec, err := os.ReadFile("../../specs/golden/pagination.yml")
	require.NoError(t, err)
	inDir(t, map[string]string{"api.yml": string(spec), "oagen.yaml": `spec: api.yml
out: sdk
package: p
pagination:
  listCursors: off
  listTokens: {scheme: off}
  listSearch:
    scheme: cursor
    param: after_id
    next: next_after
`})
	code, _, stderr := run()
	require.Equal(t, 0, code, stderr)
	api := goAPI(t, "sdk")
	assert.Equal(t, []string{
		"method DefaultService.ListChargesAll",
		"method DefaultService.ListLinkedAll",
		"method DefaultService.ListLinksAll",
		"method DefaultService.ListNextURLsAll",
		"method DefaultService.ListNumberedAll",
		"method DefaultService.ListOffsetsAll",
		"method DefaultService.ListSearchAll",
	}, grepSuffix(api, "All"))
	svc, err := os.ReadFile("sdk/default_service.go")
	require.NoError(t, err)
	assert.Contains(t, string(svc), "\t\t\tp.AfterID = Some(at)\n")
	assert.Contains(t, string(svc), "\t\tnext := string(res.NextAfter.Value)\n")
}

func grepSuffix(lines []string, suffix string) []string {
	var out []string
	for _, l := range grep(lines, "method DefaultService.") {
		if len(l) > len(suffix) && l[len(l)-len(suffix):] == suffix {
			out = append(out, l)
		}
	}
	return out
}

// TestPaginationConfigErrors: every mistake is reported, with its line and
// column in oagen.yaml and the operation's place in the spec.
func TestPaginationConfigErrors(t *testing.T) {
	spec, err := os.ReadFile("../../specs/golden/pagination.yml")
	require.NoError(t, err)
	inDir(t, map[string]string{"api.yml": string(spec), "oagen.yaml": `spec: api.yml
out: sdk
package: p
pagination:
  listNothing: off
  listSearch: {scheme: pages}
  listNumbered: {scheme: cursor, param: after}
  listOffsets: {scheme: offset, total: results}
  listCharges: {scheme: cursor, next: meta.next}
  listLinks: {scheme: next-url, param: page}
  listTokens: {scheme: page, items: nothing.here}
`})
	code, _, stderr := run()
	assert.Equal(t, 1, code)
	assert.Equal(t, "gen: oagen.yaml:5:3: pagination entry \"listNothing\" names no operation of the spec\n"+
		"gen: oagen.yaml:6:24: pagination.listSearch.scheme: unknown scheme \"pages\": use one of page, offset, cursor, next-url, link-header, or off (see api.yml:156:5: #/paths/~1search/get)\n"+
		"gen: oagen.yaml:7:41: pagination.listNumbered.param: listNumbered has no query parameter \"after\"; its query parameters: page, page_size (see api.yml:10:5: #/paths/~1numbered/get)\n"+
		"gen: oagen.yaml:8:40: pagination.listOffsets.total: results is array, not an integer (see api.yml:30:5: #/paths/~1accounts~1{account_id}~1offsets/get)\n"+
		"gen: oagen.yaml:9:39: pagination.listCharges.next: the response has no member \"meta\"; its members: object, data, has_more (see api.yml:49:5: #/paths/~1charges/get)\n"+
		"gen: oagen.yaml:10:40: pagination.listLinks.param: param is not used by the next-url scheme (see api.yml:122:5: #/paths/~1links/get)\n"+
		"gen: oagen.yaml:11:37: pagination.listTokens.items: the response has no member \"nothing\"; its members: items, next_page_token (see api.yml:87:5: #/paths/~1tokens/get)\n", stderr)
	assert.NoDirExists(t, "sdk")

	require.NoError(t, os.WriteFile("oagen.yaml", []byte("spec: api.yml\nout: sdk\npackage: p\npagination:\n  listSearch: {param: x}\n  listLinks: on\n  listTokens: [a]\n"), 0o644))
	code, _, stderr = run()
	assert.Equal(t, 2, code)
	assert.Equal(t, "gen: oagen.yaml:5:3: pagination.listSearch has no scheme: give one of page, offset, cursor, next-url, link-header, or off\n"+
		"gen: oagen.yaml:6:14: pagination.listLinks must be off or a mapping with a scheme\n"+
		"gen: oagen.yaml:7:15: pagination.listTokens must be a mapping\n", stderr)
}

package config_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/config"
	"github.com/oagen-dev/oagen/internal/model"
)

const full = `# every key
spec: ../api/openapi.yml
out: telnyx
package: telnyx
env-prefix: TELNYX
include:
  tags: [Porting Orders]
  paths: ["/porting_orders/**"]
exclude:
  operations: [DownloadLOATemplate]
names:
  schemas:
    PortingOrder: Order
  properties:
    PortingOrder.customer_reference: CustomerRef
  operations:
    UpdatePortingOrder: Patch
formats:
  uuid: string
  date-time: string
  date: Date
  int32: int64
`

func TestParseEveryKey(t *testing.T) {
	c, err := config.Parse("sdk/oagen.yaml", []byte(full))
	require.NoError(t, err)
	pos := func(line, col int) model.Pos { return model.Pos{File: "sdk/oagen.yaml", Line: line, Col: col} }
	assert.Equal(t, config.Value{Value: filepath.FromSlash("api/openapi.yml"), Pos: pos(2, 7), Written: "../api/openapi.yml"}, c.Spec, "relative to the file's directory")
	assert.Equal(t, config.Value{Value: filepath.FromSlash("sdk/telnyx"), Pos: pos(3, 6), Written: "telnyx"}, c.Out)
	assert.Equal(t, "telnyx", c.Package.Value)
	assert.Equal(t, "TELNYX", c.EnvPrefix.Value)
	assert.Equal(t, []config.Value{{Value: "Porting Orders", Pos: pos(7, 10)}}, c.Include.Tags)
	assert.Equal(t, []config.Value{{Value: "/porting_orders/**", Pos: pos(8, 11)}}, c.Include.Paths)
	assert.Equal(t, []config.Value{{Value: "DownloadLOATemplate", Pos: pos(10, 16)}}, c.Exclude.Operations)
	assert.Equal(t, []config.Rename{{Key: config.Value{Value: "PortingOrder", Pos: pos(13, 5)}, Name: config.Value{Value: "Order", Pos: pos(13, 19)}}}, c.Names.Schemas)
	assert.Equal(t, "CustomerRef", c.Names.Properties[0].Name.Value)
	assert.Equal(t, "Patch", c.Names.Operations[0].Name.Value)
	var formats []string
	for _, f := range c.Formats {
		formats = append(formats, f.Format.Value+"="+f.Type.Value)
	}
	assert.Equal(t, []string{"uuid=string", "date-time=string", "date=Date", "int32=int64"}, formats)
}

func TestParseErrorsNameKeyAndLine(t *testing.T) {
	cases := []struct{ src, want string }{
		{"spec: a.yml\nexlude:\n  tags: [x]\n", `oagen.yaml:2:1: unknown key "exlude" in the top level: the keys are env-prefix, exclude, formats, include, names, out, package, pagination, spec, streams, webhooks`},
		{"include:\n  tag: [x]\n", `oagen.yaml:2:3: unknown key "tag" in include: the keys are operations, paths, tags`},
		{"names:\n  types: {A: B}\n", `oagen.yaml:2:3: unknown key "types" in names: the keys are operations, properties, schemas`},
		{"include:\n  tags: Porting Orders\n", `oagen.yaml:2:9: include.tags must be a list of strings`},
		{"formats:\n  uuid: UUID\n", `oagen.yaml:2:9: formats.uuid: unknown Go type "UUID": use one of string, time.Time, Date, []byte, int64, int32, float64, float32`},
		{"spec: a.yml\nspec: b.yml\n", `oagen.yaml:2:1: key "spec" is repeated in the top level`},
		{"package: [a]\n", `oagen.yaml:1:10: package must be a string`},
		{"- spec\n", `oagen.yaml:1:1: the top level must be a mapping`},
		{"spec: [a\n", `oagen.yaml:2:1: not valid YAML: did not find expected ',' or ']'`},
		{"webhooks:\n  signing: none\n", `oagen.yaml:2:3: unknown key "signing" in webhooks: the keys are event-type, signature, tolerance`},
		{"webhooks:\n  signature: hmac\n", `oagen.yaml:2:14: webhooks.signature: unknown scheme "hmac": use one of standard-webhooks, telnyx-ed25519, none`},
		{"webhooks:\n  tolerance: 5\n", `oagen.yaml:2:14: webhooks.tolerance: "5" is not a positive duration such as 5m or 300s`},
		{"webhooks:\n  tolerance: -1m\n", `oagen.yaml:2:14: webhooks.tolerance: "-1m" is not a positive duration such as 5m or 300s`},
		{"webhooks:\n  event-type: data..type\n", `oagen.yaml:2:15: webhooks.event-type: "data..type" is not a member path such as data.event_type`},
		{"webhooks: telnyx\n", `oagen.yaml:1:11: webhooks must be a mapping`},
	}
	for _, c := range cases {
		_, err := config.Parse("oagen.yaml", []byte(c.src))
		if assert.Error(t, err, c.src) {
			assert.Equal(t, c.want, err.Error(), c.src)
		}
	}
	// Every problem is reported at once.
	_, err := config.Parse("oagen.yaml", []byte("a: 1\nb: 2\n"))
	assert.EqualError(t, err, "oagen.yaml:1:1: unknown key \"a\" in the top level: the keys are env-prefix, exclude, formats, include, names, out, package, pagination, spec, streams, webhooks\n"+
		"oagen.yaml:2:1: unknown key \"b\" in the top level: the keys are env-prefix, exclude, formats, include, names, out, package, pagination, spec, streams, webhooks")
}

func TestParseWebhooks(t *testing.T) {
	c, err := config.Parse("oagen.yaml", []byte("webhooks:\n  signature: telnyx-ed25519\n  tolerance: 90s\n  event-type: data.event_type\n"))
	require.NoError(t, err)
	assert.Equal(t, model.WebhookSettings{Signature: "telnyx-ed25519", Tolerance: 90 * time.Second, EventType: []string{"data", "event_type"}}, c.WebhookSettings())
	assert.Equal(t, model.WebhookSettings{}, (*config.Config)(nil).WebhookSettings())
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "# nothing yet\n", "~\n"} {
		c, err := config.Parse("oagen.yaml", []byte(src))
		require.NoError(t, err, src)
		assert.Equal(t, &config.Config{Path: "oagen.yaml"}, c)
	}
}

func TestFind(t *testing.T) {
	t.Chdir(t.TempDir())
	c, err := config.Find("")
	require.NoError(t, err)
	assert.Nil(t, c, "no oagen.yaml, no config")

	require.NoError(t, os.WriteFile("oagen.yaml", []byte("package: p\n"), 0o644))
	c, err = config.Find("")
	require.NoError(t, err)
	assert.Equal(t, "p", c.Package.Value)
	assert.Equal(t, "oagen.yaml", c.Path)

	_, err = config.Find("other.yaml")
	assert.ErrorContains(t, err, "config: stat other.yaml: no such file or directory", "an explicit -config must exist")
}

// ops is a model of four operations, for the filter tests.
func ops() *model.API {
	var api model.API
	for _, p := range []struct{ id, path, tag string }{
		{"listPets", "/pets", "Pets"},
		{"getPet", "/pets/{id}", "Pets"},
		{"getPetPhoto", "/pets/{id}/photo", "Photos"},
		{"listStores", "/stores", "Stores"},
	} {
		api.Operations = append(api.Operations, &model.Operation{ID: p.id, Path: p.path, Tags: []string{p.tag}})
	}
	return &api
}

func TestApplyFilter(t *testing.T) {
	ids := func(api *model.API) []string {
		var out []string
		for _, op := range api.Operations {
			out = append(out, op.ID)
		}
		return out
	}
	cases := []struct {
		src  string
		want []string
	}{
		{"include: {paths: [/pets/**]}", []string{"listPets", "getPet", "getPetPhoto"}},
		{"include: {paths: ['/pets/*']}", []string{"getPet"}},
		{"include: {paths: [/pets]}", []string{"listPets"}},
		{"include: {tags: [Pets, Stores]}", []string{"listPets", "getPet", "listStores"}},
		{"exclude: {tags: [Pets], operations: [listStores]}", []string{"getPetPhoto"}},
		{"include: {paths: [/pets/**]}\nexclude: {operations: [getPetPhoto]}", []string{"listPets", "getPet"}},
	}
	for _, c := range cases {
		cfg, err := config.Parse("oagen.yaml", []byte(c.src))
		require.NoError(t, err, c.src)
		api := ops()
		warnings, err := cfg.Apply(api)
		require.NoError(t, err, c.src)
		assert.Empty(t, warnings, c.src)
		assert.Equal(t, c.want, ids(api), c.src)
	}

	cfg, err := config.Parse("oagen.yaml", []byte("include:\n  paths: ['/pets/[', /pets]\n  operations: [nope]\n"))
	require.NoError(t, err)
	warnings, err := cfg.Apply(ops())
	assert.EqualError(t, err, `oagen.yaml:2:11: include.paths entry "/pets/[" is not a valid pattern: syntax error in pattern
oagen.yaml:3:16: include.operations entry "nope" matches no operation of the spec`)
	assert.Empty(t, warnings)
}

// TestFilterMatchingNothing: a filter that would make an SDK without the
// operations asked for is an error, not an empty package.
func TestFilterMatchingNothing(t *testing.T) {
	cases := []struct{ src, err string }{
		{"include: {tags: [Nope]}", `oagen.yaml:1:18: include.tags entry "Nope" matches no operation of the spec
oagen.yaml:1:18: the include and exclude filters keep none of the spec's 4 operations`},
		{"exclude: {paths: [/zoo/**]}", `oagen.yaml:1:19: exclude.paths entry "/zoo/**" matches no operation of the spec`},
		{"include: {tags: [Stores]}\nexclude: {paths: [/stores/**]}", `oagen.yaml:1:18: the include and exclude filters keep none of the spec's 4 operations`},
	}
	for _, c := range cases {
		cfg, err := config.Parse("oagen.yaml", []byte(c.src))
		require.NoError(t, err, c.src)
		warnings, err := cfg.Apply(ops())
		assert.EqualError(t, err, c.err, c.src)
		assert.Empty(t, warnings, c.src)
	}

	// An exclude entry naming an operation that include already drops
	// matches that operation: neither an error nor a warning.
	cfg, err := config.Parse("oagen.yaml", []byte("include: {tags: [Stores]}\nexclude: {operations: [getPet]}"))
	require.NoError(t, err)
	api := ops()
	warnings, err := cfg.Apply(api)
	require.NoError(t, err)
	assert.Empty(t, warnings)
	require.Len(t, api.Operations, 1)
	assert.Equal(t, "listStores", api.Operations[0].ID)
}

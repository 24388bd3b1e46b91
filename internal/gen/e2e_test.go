package gen

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sdkRepo is a throwaway directory laid out as an SDK repository, with the
// go command set up to build oagen from this checkout and nothing else.
type sdkRepo struct {
	t     *testing.T
	root  string // this checkout
	dir   string
	goBin string
	env   []string
}

// newSDKRepo makes an empty SDK repository. Every go command it runs finds
// modules only in the module cache (GOPROXY is the cache's download
// directory), which building this checkout's tests has filled, and checks
// them against go.sum files copied from this checkout: so the test needs no
// network and no checksum database, with empty caches as with full ones.
func newSDKRepo(t *testing.T) *sdkRepo {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the generator in a new module: skipped with -short")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	modCache, err := exec.Command(goBin, "env", "GOMODCACHE").Output()
	require.NoError(t, err)
	proxy := "file://" + filepath.ToSlash(filepath.Join(strings.TrimSpace(string(modCache)), "cache", "download"))
	return &sdkRepo{
		t: t, root: root, dir: t.TempDir(), goBin: goBin,
		env: append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GOWORK=off", "GOPROXY="+proxy),
	}
}

// write puts content at name, a slash-separated path in the repository.
func (r *sdkRepo) write(name, content string) {
	r.t.Helper()
	path := filepath.Join(r.dir, filepath.FromSlash(name))
	require.NoError(r.t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(r.t, os.WriteFile(path, []byte(content), 0o644))
}

func (r *sdkRepo) read(name string) string {
	r.t.Helper()
	data, err := os.ReadFile(filepath.Join(r.dir, filepath.FromSlash(name)))
	require.NoError(r.t, err)
	return string(data)
}

// copyFromCheckout copies a file of this checkout into the repository.
func (r *sdkRepo) copyFromCheckout(from, to string) {
	r.t.Helper()
	r.write(to, r.readCheckout(from))
}

// oagenModule writes dir/go.mod (module path, requiring oagen through a
// replace to this checkout, at the checkout's go version) and this
// checkout's go.sum beside it.
func (r *sdkRepo) oagenModule(dir, path string) {
	r.t.Helper()
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindStringSubmatch(r.readCheckout("go.mod"))
	require.NotNil(r.t, goVersion)
	r.write(dir+"/go.mod", "module "+path+"\n\ngo "+goVersion[1]+"\n\n"+
		"require github.com/oagen-dev/oagen v0.0.0\n\n"+
		"replace github.com/oagen-dev/oagen => "+filepath.ToSlash(r.root)+"\n")
	r.copyFromCheckout("go.sum", dir+"/go.sum")
}

// readCheckout reads a file of this checkout.
func (r *sdkRepo) readCheckout(name string) string {
	r.t.Helper()
	data, err := os.ReadFile(filepath.Join(r.root, filepath.FromSlash(name)))
	require.NoError(r.t, err)
	return string(data)
}

// goCmd runs go with args in the repository's folder dir and returns its
// combined output, failing the test when it fails.
func (r *sdkRepo) goCmd(dir string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command(r.goBin, args...)
	cmd.Dir = filepath.Join(r.dir, filepath.FromSlash(dir))
	cmd.Env = r.env
	out, err := cmd.CombinedOutput()
	require.NoError(r.t, err, "go %s:\n%s", strings.Join(args, " "), out)
	return string(out)
}

// demo is a program that uses the generated packages telnyx and seed.
const demo = `package main

import (
	"fmt"

	"example.com/sdk/seed"
	"example.com/sdk/telnyx"
)

func main() {
	c := telnyx.NewClient(telnyx.WithAPIKey("k"))
	body := seed.UpdatePortingOrder{CustomerReference: seed.Some("ref")}
	fmt.Println(c != nil, body.CustomerReference.Value)
}
`

// TestEndToEndFromAnotherModule uses oagen the way an SDK repository does:
// a throwaway module requires github.com/oagen-dev/oagen (replaced by this
// checkout), records cmd/gen as a tool with `go get -tool`, and has two
// //go:generate lines, one `go tool gen` reading an oagen.yaml, one
// `go run github.com/oagen-dev/oagen/cmd/gen` with flags. It runs
// `go generate ./...`, builds the result with a program that uses it, and
// runs `go tool gen -check`, which must find nothing to do.
//
// `go run github.com/oagen-dev/oagen/cmd/gen@<version>` (outside any
// module's requirements) needs a published version and cannot be tested
// offline; the form tested here resolves the same package through the
// module's requirements.
func TestEndToEndFromAnotherModule(t *testing.T) {
	r := newSDKRepo(t)
	r.oagenModule(".", "example.com/sdk")
	// The seed spec (one operation) keeps the generated packages small, so
	// that building them is quick.
	r.copyFromCheckout("specs/porting-orders-update.yml", "api/porting-orders.yml")
	r.write("telnyx/generate.go", "// Package telnyx is generated from api/porting-orders.yml; see oagen.yaml.\npackage telnyx\n\n//go:generate go tool gen\n")
	r.write("telnyx/oagen.yaml", "spec: ../api/porting-orders.yml\nout: .\npackage: telnyx\nenv-prefix: TELNYX\n")
	r.write("seed/generate.go", "package seed\n\n//go:generate go run github.com/oagen-dev/oagen/cmd/gen -spec ../api/porting-orders.yml -out . -package seed\n")
	r.write("cmd/demo/main.go", demo)

	r.goCmd(".", "get", "-tool", "github.com/oagen-dev/oagen/cmd/gen@v0.0.0")
	assert.Contains(t, r.read("go.mod"), "\ntool github.com/oagen-dev/oagen/cmd/gen\n")

	r.goCmd(".", "generate", "./...")
	for _, f := range []string{"telnyx/models.go", "telnyx/porting_orders_service.go", "seed/models.go"} {
		assert.FileExists(t, filepath.Join(r.dir, f))
	}
	assert.True(t, strings.HasPrefix(r.read("telnyx/models.go"), "// Code generated by oagen from ../api/porting-orders.yml. DO NOT EDIT.\n"))
	r.goCmd(".", "build", "./...")
	assert.Equal(t, "true ref\n", r.goCmd(".", "run", "./cmd/demo"))

	// In CI: fail when the checked-in package is stale.
	assert.Empty(t, r.goCmd("telnyx", "tool", "gen", "-check"))
}

// TestEndToEndToolsModule is the setup the README recommends for an SDK
// that must keep its own go.mod as it is: the SDK module says go 1.24 and
// requires nothing, and the generator is a tool of a second module in
// tools/, which the //go:generate line names with -modfile. go generate
// must leave the SDK's go.mod byte for byte as it was, and the generated
// package must build in it.
func TestEndToEndToolsModule(t *testing.T) {
	r := newSDKRepo(t)
	const sdkMod = "module example.com/sdk\n\ngo 1.24\n"
	r.write("go.mod", sdkMod)
	r.oagenModule("tools", "example.com/sdk/tools")
	r.copyFromCheckout("specs/porting-orders-update.yml", "api/porting-orders.yml")
	r.write("telnyx/generate.go", "// Package telnyx is generated from api/porting-orders.yml; see oagen.yaml.\npackage telnyx\n\n//go:generate go tool -modfile=../tools/go.mod gen\n")
	r.write("telnyx/oagen.yaml", "spec: ../api/porting-orders.yml\nout: .\npackage: telnyx\nenv-prefix: TELNYX\n")
	r.write("cmd/demo/main.go", strings.NewReplacer(
		"\t\"example.com/sdk/seed\"\n", "",
		"seed.UpdatePortingOrder{CustomerReference: seed.Some(", "telnyx.UpdatePortingOrder{CustomerReference: telnyx.Some(",
	).Replace(demo))

	r.goCmd("tools", "get", "-tool", "github.com/oagen-dev/oagen/cmd/gen@v0.0.0")
	assert.Contains(t, r.read("tools/go.mod"), "\ntool github.com/oagen-dev/oagen/cmd/gen\n")

	r.goCmd(".", "generate", "./...")
	assert.Equal(t, sdkMod, r.read("go.mod"), "go generate changed the SDK's go.mod")
	assert.NoFileExists(t, filepath.Join(r.dir, "go.sum"), "the SDK needs no go.sum: it requires nothing")
	assert.True(t, strings.HasPrefix(r.read("telnyx/models.go"), "// Code generated by oagen from ../api/porting-orders.yml. DO NOT EDIT.\n"))
	// The SDK builds and vets at its own go version (1.24 language rules).
	r.goCmd(".", "vet", "./...")
	assert.Equal(t, "true ref\n", r.goCmd(".", "run", "./cmd/demo"))
	assert.Equal(t, sdkMod, r.read("go.mod"))

	assert.Empty(t, r.goCmd("telnyx", "tool", "-modfile=../tools/go.mod", "gen", "-check"))
}

package portingorders

// Calls every operation of specs/porting-orders.yml through the generated
// client, with arguments built from the spec's examples, and checks each
// request on the wire against the spec with libopenapi-validator.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/model"
	"github.com/oagen-dev/oagen/internal/model/load"
	"github.com/oagen-dev/oagen/internal/model/naming"
)

const specPath = "../../specs/porting-orders.yml"

var loadOnce = sync.OnceValues(func() (*model.API, error) {
	data, err := os.ReadFile(specPath)
	if err != nil {
		return nil, err
	}
	api, err := load.Load(specPath, data)
	if err != nil {
		return nil, err
	}
	naming.Resolve(api)
	return api, nil
})

func loadSpec(t *testing.T) *model.API {
	t.Helper()
	api, err := loadOnce()
	require.NoError(t, err)
	return api
}

// paramExample is the JSON a test sends for p: its example, or one built
// from its schema.
func paramExample(p *model.Param) string {
	if p.Example != nil {
		return p.Example.JSON
	}
	return model.ExampleJSON(p.Type)
}

// call invokes op on c by reflection, with arguments built from examples,
// and returns the method's error.
func call(t *testing.T, ctx context.Context, c *Client, op *model.Operation, opts ...Option) error {
	t.Helper()
	svc := reflect.ValueOf(c)
	for _, field := range strings.Split(op.Service, ".") { // a sub-service is a field of its parent
		svc = svc.Elem().FieldByName(field)
		require.True(t, svc.IsValid(), "no service %s for %s", op.Service, op.ID)
	}
	m := svc.MethodByName(op.GoName)
	require.True(t, m.IsValid(), "operation %s has no method %s.%s", op.ID, op.Service, op.GoName)
	mt := m.Type()
	args := []reflect.Value{reflect.ValueOf(ctx)}
	for _, p := range op.Params {
		if p.In == model.InPath {
			v := reflect.New(mt.In(len(args)))
			require.NoError(t, decodeValue([]byte(paramExample(p)), v.Interface()), "path parameter %s of %s", p.Name, op.ID)
			args = append(args, v.Elem())
		}
	}
	if op.ParamsType != "" {
		params := reflect.New(mt.In(len(args))).Elem()
		for _, p := range op.Params {
			if p.In == model.InPath || (!p.Required && p.Example == nil && !p.Type.HasExample()) {
				continue
			}
			f := params.FieldByName(p.GoName)
			require.True(t, f.IsValid(), "%s has no field %s", op.ParamsType, p.GoName)
			require.NoError(t, decodeValue([]byte(paramExample(p)), f.Addr().Interface()), "parameter %s of %s", p.Name, op.ID)
		}
		args = append(args, params)
	}
	if op.Body != nil && mt.NumIn() > len(args)+1 {
		bt := mt.In(len(args))
		c := op.Body.Contents[0]
		example := model.ExampleJSON(c.Type)
		if len(c.Examples) > 0 {
			example = c.Examples[0].Value.JSON
		}
		if bt == reflect.TypeFor[io.Reader]() {
			args = append(args, reflect.ValueOf(strings.NewReader(example)))
		} else {
			v := reflect.New(bt)
			require.NoError(t, decodeValue([]byte(example), v.Interface()), "body of %s", op.ID)
			args = append(args, v.Elem())
		}
	}
	for _, o := range opts {
		args = append(args, reflect.ValueOf(o))
	}
	out := m.Call(args)
	if rc, ok := out[0].Interface().(io.ReadCloser); ok && len(out) == 2 && rc != nil {
		io.Copy(io.Discard, rc)
		rc.Close()
	}
	err, _ := out[len(out)-1].Interface().(error)
	return err
}

// primary is the first 2xx response of op.
func primary(op *model.Operation) *model.Response {
	for _, r := range op.Responses {
		if strings.HasPrefix(r.Status, "2") {
			return r
		}
	}
	return nil
}

// respond answers with op's first 2xx response and its example.
func respond(w http.ResponseWriter, op *model.Operation) {
	r := primary(op)
	status := 200
	if r != nil {
		fmt.Sscanf(r.Status, "%d", &status)
	}
	if r == nil || len(r.Contents) == 0 {
		w.WriteHeader(status)
		return
	}
	c := r.Contents[0]
	body := model.ExampleJSON(c.Type)
	if len(c.Examples) > 0 {
		body = c.Examples[0].Value.JSON
	}
	if !model.IsJSON(c.MediaType) {
		body = "%PDF-1.4 example"
	}
	w.Header().Set("Content-Type", c.MediaType)
	w.WriteHeader(status)
	io.WriteString(w, body)
}

func TestEveryOperationValidatesAgainstSpec(t *testing.T) {
	api := loadSpec(t)
	data, err := os.ReadFile(specPath)
	require.NoError(t, err)
	doc, err := libopenapi.NewDocument(data)
	require.NoError(t, err)
	v, errs := validator.NewValidator(doc)
	require.Empty(t, errs)

	var current *model.Operation
	var problems []string
	var requests int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if ok, verrs := v.ValidateHttpRequestSync(r); !ok {
			for _, e := range verrs {
				problems = append(problems, fmt.Sprintf("%s (%s %s): %s: %s", current.ID, r.Method, r.URL, e.Message, e.Reason))
			}
		}
		assert.Equal(t, "Bearer test-key", r.Header.Get("Authorization"))
		respond(w, current)
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL+"/v2"), WithAPIKey("test-key"), WithMaxRetries(0))

	validated := 0
	for _, op := range api.Operations {
		current = op
		before := requests
		err := call(t, context.Background(), c, op)
		require.NoError(t, err, "%s", op.ID)
		require.Equal(t, before+1, requests, "%s sent no request", op.ID)
		validated++
	}
	assert.Empty(t, problems, "requests the spec does not allow:\n%s", strings.Join(problems, "\n"))
	assert.Equal(t, 39, validated)
	t.Logf("%d operations called, each request validated against %s", validated, specPath)
}

package load

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/model"
)

func opIDs(api *model.API) []string {
	var out []string
	for _, op := range api.Operations {
		out = append(out, op.ID)
	}
	return out
}

func TestDerivedIDsAreUniqueByPath(t *testing.T) {
	api := guardLoadOK(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a_b:
    get: {responses: {'200': {description: ok}}}
  /a-b:
    get: {responses: {'200': {description: ok}}}
  /a/b:
    get: {responses: {'200': {description: ok}}}
  /x:
    get: {responses: {'200': {description: ok}}}
  /y:
    get: {operationId: getX, responses: {'200': {description: ok}}}
webhooks:
  petAdded:
    post: {responses: {'200': {description: ok}}}
  petChanged:
    put: {responses: {'200': {description: ok}}}
    patch: {responses: {'200': {description: ok}}}
`)
	// All three /a... paths derive GetAB: "/a-b" < "/a/b" < "/a_b" keep
	// that order whatever the document's. getX is an operationId: it keeps
	// its name and the derived one moves aside.
	assert.Equal(t, []string{"get a_b 3", "get a-b", "get a b 2", "get x 2", "getX", "petAdded", "put petChanged", "patch petChanged"}, opIDs(api))
	assert.True(t, api.Operations[0].IDDerived)
	assert.False(t, api.Operations[4].IDDerived)
}

func TestSharedPathItems(t *testing.T) {
	api := guardLoadOK(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /things/{id}:
    $ref: '#/components/pathItems/Thing'
  /old/things/{id}:
    $ref: '#/components/pathItems/Thing'
webhooks:
  changed:
    $ref: '#/components/pathItems/Event'
components:
  pathItems:
    Thing:
      summary: A thing.
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: X-Trace, in: header, schema: {type: string}}
      get:
        parameters:
          - {name: X-Trace, in: header, required: true, schema: {type: string}}
        responses: {'200': {description: ok}}
    Event:
      post: {responses: {'200': {description: ok}}}
`)
	assert.Empty(t, guardWarnings(api))
	require.Len(t, api.Operations, 3)
	for i, path := range []string{"/things/{id}", "/old/things/{id}"} {
		op := api.Operations[i]
		assert.Equal(t, path, op.Path)
		assert.Equal(t, "#/components/pathItems/Thing/get", op.Pointer, "the definition")
		assert.Equal(t, model.Pos{File: "spec.yml", Line: 18, Col: 7}, op.Pos, "the definition: get")
		assert.Equal(t, "#/components/pathItems/Thing", op.RefPath)
		assert.Equal(t, "A thing.", op.Summary)
		require.Len(t, op.Params, 2)
		assert.Equal(t, "id", op.Params[0].Name)
		assert.Equal(t, "#/components/pathItems/Thing/parameters/0", op.Params[0].Pointer)
		assert.True(t, op.Params[1].Required, "the operation's X-Trace replaces the path item's")
	}
	assert.Equal(t, []string{"get things id", "get old things id", "changed"}, opIDs(api))
	wh := api.Operations[2]
	assert.True(t, wh.Webhook)
	assert.Equal(t, "#/components/pathItems/Event/post", wh.Pointer)
}

func TestCallbacksLoad(t *testing.T) {
	api := guardLoadOK(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /subscribe:
    post:
      operationId: subscribe
      responses: {'200': {description: ok}}
      callbacks:
        event:
          '{$request.body#/url}':
            post:
              requestBody:
                content:
                  application/json:
                    schema: {type: object, properties: {id: {type: string}}}
              responses: {'200': {description: ok}}
              callbacks:
                ack:
                  '{$request.body#/ack}':
                    put: {responses: {'200': {description: ok}}}
            delete: {responses: {'200': {description: ok}}}
          '{$request.body#/other}':
            post: {operationId: otherEvent, responses: {'200': {description: ok}}}
        shared:
          $ref: '#/components/callbacks/Shared'
components:
  callbacks:
    Shared:
      '{$url}':
        post:
          responses: {'200': {description: ok}}
          callbacks:
            l1:
              '{$url}':
                post:
                  responses: {'200': {description: ok}}
                  callbacks:
                    l2:
                      '{$url}':
                        post:
                          responses: {'200': {description: ok}}
                          callbacks:
                            l3:
                              '{$url}':
                                post:
                                  responses: {'200': {description: ok}}
                                  callbacks:
                                    l4:
                                      '{$url}':
                                        post: {responses: {'200': {description: ok}}}
`)
	assert.Equal(t, []string{
		"subscribe",
		"subscribe event {$request.body#/url} post",
		"subscribe event {$request.body#/url} post ack",
		"subscribe event {$request.body#/url} delete",
		"otherEvent",
		"subscribe shared",
		"subscribe shared l1",
		"subscribe shared l1 l2",
		"subscribe shared l1 l2 l3",
	}, opIDs(api))
	for _, op := range api.Operations[1:] {
		assert.True(t, op.Webhook, op.ID)
		assert.NotEmpty(t, op.Callback, op.ID)
	}
	assert.Same(t, api.Operations[1], api.Operations[2].CallbackOf)
	assert.Equal(t, "#/components/callbacks/Shared/{$url}/post", api.Operations[5].Pointer)
	// The request body names its callback.
	var body *model.Type
	for _, ty := range api.Types {
		if ty.Named && ty.Kind == model.KindStruct {
			body = ty
		}
	}
	require.NotNil(t, body)
	assert.Equal(t, `It is the request body of the callback "event" (POST {$request.body#/url}) of POST /subscribe, a request the API sends: the client has no method for it.`, body.Usage)
	assert.Equal(t, []string{
		"spec.yml:47:35: #/components/callbacks/Shared/{$url}/post/callbacks/l1/{$url}/post/callbacks/l2/{$url}/post/callbacks/l3/{$url}/post/callbacks: callbacks nested more than 4 levels deep are not generated",
	}, guardWarnings(api))
}

// libopenapi never returns from a callback that contains itself: the loader
// refuses it first, at the $ref that closes the loop.
func TestCallbackLoopIsAnError(t *testing.T) {
	ds := guardLoadErr(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /subscribe:
    post:
      responses: {'200': {description: ok}}
      callbacks:
        loop:
          $ref: '#/components/callbacks/Loop'
components:
  callbacks:
    Loop:
      '{$url}':
        $ref: '#/components/pathItems/Hook'
  pathItems:
    Hook:
      post:
        responses: {'200': {description: ok}}
        callbacks:
          again:
            $ref: '#/components/callbacks/Loop'
`)
	require.Len(t, ds, 1)
	assert.Equal(t, "spec.yml:21:13: #/components/pathItems/Hook/post/callbacks/again: $ref #/components/callbacks/Loop refers back to a path item or callback it is part of: such a loop is not supported", ds[0].Error())
}

func TestResponseHeadersLoad(t *testing.T) {
	api := guardLoadOK(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          headers:
            X-Count: {description: How many., required: true, schema: {type: integer}}
            X-Id: {$ref: '#/components/headers/Id'}
            X-Json: {content: {application/json: {schema: {type: integer}}}}
components:
  headers:
    Id: {deprecated: true, schema: {type: string}}
`)
	hs := api.Operations[0].Responses[0].Headers
	require.Len(t, hs, 3)
	assert.Equal(t, model.Header{Name: "X-Count", Type: hs[0].Type, Required: true, Description: "How many.",
		Pointer: "#/paths/~1a/get/responses/200/headers/X-Count", Pos: model.Pos{File: "spec.yml", Line: 10, Col: 22}}, *hs[0])
	assert.Equal(t, model.KindInteger, hs[0].Type.Kind)
	assert.Equal(t, "X-Id", hs[1].Name)
	assert.True(t, hs[1].Deprecated)
	assert.Equal(t, model.KindString, hs[1].Type.Kind)
	assert.Equal(t, model.KindInteger, hs[2].Type.Kind, "the schema under content")
}

// TestReservedHeaderParameters: Accept, Content-Type and Authorization
// header parameters, in any case, are dropped with one warning each, at
// their definition: a shared one warns once however many operations use it.
func TestReservedHeaderParameters(t *testing.T) {
	api := guardLoadOK(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    parameters:
      - {name: authorization, in: header, schema: {type: string}}
    get:
      parameters:
        - {$ref: '#/components/parameters/Accept'}
        - {name: Content-Type, in: header, required: true, schema: {type: string}}
        - {name: Accept, in: query, schema: {type: string}}
        - {name: X-Trace, in: header, schema: {type: string}}
      responses: {'200': {description: ok}}
    post:
      responses: {'200': {description: ok}}
  /b:
    get:
      parameters:
        - {$ref: '#/components/parameters/Accept'}
      responses: {'200': {description: ok}}
components:
  parameters:
    Accept: {name: ACCEPT, in: header, required: true, schema: {type: string}}
`)
	require.Len(t, api.Operations, 3)
	var got []string
	for _, p := range api.Operations[0].Params {
		got = append(got, string(p.In)+" "+p.Name)
	}
	assert.Equal(t, []string{"query Accept", "header X-Trace"}, got, "a query parameter named Accept is an ordinary one")
	assert.Empty(t, api.Operations[1].Params)
	assert.Empty(t, api.Operations[2].Params)
	assert.Equal(t, []string{
		`spec.yml:6:9: #/paths/~1a/parameters/0: header parameter "authorization" is ignored, as OpenAPI says: the client sets it from the credentials of the security schemes`,
		`spec.yml:10:11: #/paths/~1a/get/parameters/1: header parameter "Content-Type" is ignored, as OpenAPI says: the client sets it from the request body`,
		`spec.yml:23:13: #/components/parameters/Accept: header parameter "ACCEPT" is ignored, as OpenAPI says: the client sets it from the media types of the responses`,
	}, guardWarnings(api))
}

// TestPathParameterNotInPath: a path parameter the path has no {name} for
// is left out of the method with one warning where it is declared (once for
// a path item's, which every operation loads); the spec still generates.
func TestPathParameterNotInPath(t *testing.T) {
	api := guardLoadOK(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /pets/{id}:
    parameters:
      - {name: owner, in: path, required: true, schema: {type: string}}
      - {name: id, in: path, required: true, schema: {type: string}}
    get:
      parameters:
        - {name: pet_id, in: path, required: true, schema: {type: string}}
        - {name: q, in: query, schema: {type: string}}
      responses: {'200': {description: ok}}
    delete:
      responses: {'204': {description: gone}}
`)
	require.Len(t, api.Operations, 2)
	for _, o := range api.Operations {
		var got []string
		for _, p := range o.Params {
			got = append(got, string(p.In)+" "+p.Name)
		}
		want := []string{"path id"}
		if o.Method == "GET" {
			want = []string{"path id", "query q"}
		}
		assert.ElementsMatch(t, want, got, o.Method)
	}
	assert.Equal(t, []string{
		`spec.yml:6:9: #/paths/~1pets~1{id}/parameters/0: path parameter "owner" does not appear in the path "/pets/{id}": the method leaves it out`,
		`spec.yml:10:11: #/paths/~1pets~1{id}/get/parameters/0: path parameter "pet_id" does not appear in the path "/pets/{id}": the method leaves it out`,
	}, guardWarnings(api))
}

package config_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/config"
	"github.com/oagen-dev/oagen/internal/model"
)

// streamAPI has one operation answering JSON or events, one answering
// JSON only, and a component schema for the events.
func streamAPI() (*model.API, *model.Type, *model.Content) {
	chunk := &model.Type{Kind: model.KindStruct, Named: true, Component: "Chunk"}
	events := &model.Content{MediaType: "text/event-stream", Type: &model.Type{Kind: model.KindString}}
	api := &model.API{
		Types: []*model.Type{chunk},
		Operations: []*model.Operation{
			{ID: "chat", Method: "POST", Path: "/chat", Responses: []*model.Response{{Status: "200", Contents: []*model.Content{
				{MediaType: "application/json"}, events,
			}}}},
			{ID: "list", Method: "GET", Path: "/things", Pos: model.Pos{File: "api.yml", Line: 9, Col: 5}, Pointer: "#/paths/~1things/get", Responses: []*model.Response{{Status: "200", Contents: []*model.Content{{MediaType: "application/json"}}}}},
		},
	}
	return api, chunk, events
}

func TestStreamsTypeEvents(t *testing.T) {
	cfg, err := config.Parse("oagen.yaml", []byte("streams:\n  chat: Chunk\n"))
	require.NoError(t, err)
	api, chunk, events := streamAPI()
	warnings, err := cfg.Apply(api)
	require.NoError(t, err)
	assert.Empty(t, warnings)
	assert.Same(t, chunk, events.ItemType, "each event's data is a Chunk")
}

func TestStreamsErrors(t *testing.T) {
	cfg, err := config.Parse("oagen.yaml", []byte("streams:\n  chat: Nope\n  list: Chunk\n  gone: Chunk\n"))
	require.NoError(t, err)
	api, _, _ := streamAPI()
	_, err = cfg.Apply(api)
	assert.EqualError(t, err, `oagen.yaml:2:9: streams entry "chat" names no component schema "Nope"
oagen.yaml:3:3: streams entry "list" has no text/event-stream response (see api.yml:9:5: #/paths/~1things/get)
oagen.yaml:4:3: streams entry "gone" names no operationId`)
	var ds model.Diagnostics
	require.ErrorAs(t, err, &ds)
	for _, d := range ds {
		assert.Equal(t, model.Code("config-stream-mismatch"), d.Code())
	}
}

package load

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/model"
)

const webhookSpec = `openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
webhooks:
  top:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                type: {type: string, const: thing.top}
                meta:
                  type: object
                  properties:
                    topic: {type: string, enum: [a.b]}
      responses: {'200': {description: ok}}
  nested:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                record_type: {type: string, enum: [event]}
                data:
                  type: object
                  properties:
                    event_type: {type: string, enum: [thing.nested]}
      responses: {'200': {description: ok}}
  again:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                type: {type: string, enum: [thing.top]}
      responses: {'200': {description: ok}}
  many:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                type: {type: string, enum: [x, y]}
      responses: {'200': {description: ok}}
  bare:
    post:
      responses: {'200': {description: ok}}
`

func TestPlanWebhooksDetectsEventTypes(t *testing.T) {
	api := guardLoadOK(t, webhookSpec)
	warns := model.PlanWebhooks(api, model.WebhookSettings{})
	require.NotNil(t, api.Webhooks)
	assert.Equal(t, model.DefaultWebhookTolerance, api.Webhooks.Tolerance)
	got := map[string]string{}
	for _, ev := range api.Webhooks.Events {
		got[ev.Op.Path] = ""
		if ev.Field != nil {
			got[ev.Op.Path] = ev.Field[0]
			if len(ev.Field) > 1 {
				got[ev.Op.Path] += "." + ev.Field[1]
			}
			got[ev.Op.Path] += "=" + ev.Values[0]
		}
	}
	assert.Equal(t, map[string]string{
		"top":    "type=thing.top",               // top level before one object down
		"nested": "data.event_type=thing.nested", // record_type is not an event-type name
		"again":  "type=thing.top",               // taken: warned
		"many":   "",                             // two values name no one event
	}, got)
	var msgs []string
	for _, w := range warns {
		msgs = append(msgs, w.Message)
	}
	assert.Equal(t, []string{
		`the webhook "bare" has no JSON request body of a named object or union type: it gets no typed event`,
		`the webhook events of "top" and "again" both have type "thing.top": a request with it is taken as the first, unless a handler is restricted to the second (ForWebhook)`,
	}, msgs)
}

func TestPlanWebhooksFollowsTheConfig(t *testing.T) {
	api := guardLoadOK(t, webhookSpec)
	model.PlanWebhooks(api, model.WebhookSettings{Signature: model.SignatureTelnyxEd25519, Tolerance: time.Minute, EventType: []string{"meta", "topic"}})
	require.NotNil(t, api.Webhooks)
	assert.Equal(t, time.Minute, api.Webhooks.Tolerance)
	assert.Equal(t, model.SignatureTelnyxEd25519, api.Webhooks.Signature)
	top := api.Webhooks.Events[0]
	assert.Equal(t, []string{"meta", "topic"}, top.Field, "the configured member first")
	assert.Equal(t, []string{"a.b"}, top.Values)
	assert.Equal(t, []string{"data", "event_type"}, api.Webhooks.Events[1].Field, "detected where the configured member is absent")

	none := guardLoadOK(t, "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n")
	assert.Empty(t, model.PlanWebhooks(none, model.WebhookSettings{}))
	assert.Nil(t, none.Webhooks, "no webhooks, no handler")
}

package model

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The signature schemes a webhook handler can verify (oagen.yaml
// webhooks.signature).
const (
	SignatureStandardWebhooks = "standard-webhooks" // HMAC-SHA256 over id.timestamp.body (webhook-* or svix-* headers)
	SignatureTelnyxEd25519    = "telnyx-ed25519"    // Ed25519 over timestamp|body (telnyx-* headers)
	SignatureNone             = "none"              // no verifier of oagen's: the user brings one
)

// SignatureSchemes lists the schemes in the order the documentation does.
var SignatureSchemes = []string{SignatureStandardWebhooks, SignatureTelnyxEd25519, SignatureNone}

// DefaultWebhookTolerance is how far a signature's timestamp may be from
// the clock when oagen.yaml does not say: the five minutes the Standard
// Webhooks specification and Telnyx's libraries use.
const DefaultWebhookTolerance = 5 * time.Minute

// WebhookSettings are the choices oagen.yaml makes about webhooks.
type WebhookSettings struct {
	// Signature is one of SignatureSchemes, or "" for every verifier.
	Signature string
	// Tolerance is the timestamp tolerance; 0 for DefaultWebhookTolerance.
	Tolerance time.Duration
	// EventType is the path of the member that names an event's type
	// (["data", "event_type"]); nil to detect it (see PlanWebhooks).
	EventType []string
}

// Webhooks is what the generated webhook handler serves.
type Webhooks struct {
	Signature string
	Tolerance time.Duration
	Events    []*WebhookEvent // in the order of the operations, then of union variants
}

// WebhookEvent is one kind of request the API sends: a webhook or callback
// operation, or one variant of a discriminated union it sends.
type WebhookEvent struct {
	Op   *Operation
	Type *Type // the named struct or union the body decodes into
	// Field is the path of the member holding the event type, e.g.
	// ["data", "event_type"]; nil when the event has none. Values are the
	// values that select this event there.
	Field  []string
	Values []string
	// Variant is the union variant this event is; nil for a whole body.
	Variant *Variant
	// GoName is the field of WebhookCallbacks, set by the naming pass,
	// e.g. "CallAnswered".
	GoName string
}

// eventTypeNames are the member names PlanWebhooks looks for, best first,
// when oagen.yaml names no event-type member.
var eventTypeNames = []string{"event_type", "eventType", "type", "event", "kind"}

// PlanWebhooks decides the events of the webhooks and callbacks of api and
// records them in api.Webhooks (nil when there is none). An event's Go type
// is the named type of its JSON request body; an operation without one gets
// no event, with a warning. Events are told apart at run time by:
//   - the discriminator of a body that is a union: one event per variant;
//   - an event-type member: s.EventType, or where the body has none there the first member named as
//     in eventTypeNames, at the top of the body or one object down (Telnyx's
//     data.event_type), whose schema allows exactly one string (an enum of
//     one value, or a const);
//   - else only by the handler the request reaches (ForWebhook).
//
// Two events with the same event-type value are warned about: the first
// takes the value.
func PlanWebhooks(api *API, s WebhookSettings) (warnings []*Diagnostic) {
	api.Webhooks = nil
	w := &Webhooks{Signature: s.Signature, Tolerance: s.Tolerance}
	if w.Tolerance <= 0 {
		w.Tolerance = DefaultWebhookTolerance
	}
	for _, op := range api.Operations {
		if !op.Webhook {
			continue
		}
		t := webhookBody(op)
		if t == nil {
			subject := fmt.Sprintf("the webhook %q", op.Path)
			if op.Callback != "" {
				subject = fmt.Sprintf("the callback %q (%s %s) of %s %s", op.Callback, op.Method, op.Path, op.CallbackOf.Method, op.CallbackOf.Path)
			}
			warnings = append(warnings, &Diagnostic{Pos: op.Pos, Pointer: op.Pointer,
				Message: subject + " has no JSON request body of a named object or union type: it gets no typed event"})
			continue
		}
		if t.Kind == KindUnion && t.Discriminator != nil && unionEvents(w, op, t) {
			continue
		}
		ev := &WebhookEvent{Op: op, Type: t}
		if path, value, ok := eventType(t, s.EventType); ok {
			ev.Field, ev.Values = path, []string{value}
		}
		w.Events = append(w.Events, ev)
	}
	if len(w.Events) == 0 {
		return warnings
	}
	seen := map[string]*WebhookEvent{}
	for _, ev := range w.Events {
		for _, v := range ev.Values {
			key := strings.Join(ev.Field, ".") + "=" + v
			if first := seen[key]; first != nil {
				warnings = append(warnings, &Diagnostic{Pos: ev.Op.Pos, Pointer: ev.Op.Pointer,
					Message: fmt.Sprintf("the webhook events of %q and %q both have %s %q: a request with it is taken as the first, unless a handler is restricted to the second (ForWebhook)",
						first.Op.Path, ev.Op.Path, strings.Join(ev.Field, "."), v)})
				continue
			}
			seen[key] = ev
		}
	}
	api.Webhooks = w
	return warnings
}

// webhookBody returns the named struct or union of op's JSON request body,
// nil when it has none.
func webhookBody(op *Operation) *Type {
	if op.Body == nil {
		return nil
	}
	for _, c := range op.Body.Contents {
		if !IsJSON(c.MediaType) || c.Type == nil {
			continue
		}
		t := c.Type.Resolved()
		if t.IsNamed() && (t.Kind == KindStruct && !t.Tuple || t.Kind == KindUnion) {
			return t
		}
		return nil
	}
	return nil
}

// unionEvents adds one event per variant of a discriminated union; it
// reports false, adding nothing, when a variant is no named struct or has
// no tag, so that the union is taken whole.
func unionEvents(w *Webhooks, op *Operation, t *Type) bool {
	for _, v := range t.Variants {
		vt := v.Type.Resolved()
		if len(v.Tags) == 0 || !vt.IsNamed() || vt.Kind != KindStruct {
			return false
		}
	}
	for _, v := range t.Variants {
		w.Events = append(w.Events, &WebhookEvent{Op: op, Type: v.Type.Resolved(), Variant: v,
			Field: []string{t.Discriminator.Property}, Values: slices.Clone(v.Tags)})
	}
	return true
}

// eventType finds the event-type member of struct t: at path when given,
// else as PlanWebhooks says.
func eventType(t *Type, path []string) ([]string, string, bool) {
	if t.Kind != KindStruct {
		return nil, "", false
	}
	if path != nil {
		if v, ok := constAt(t, path); ok {
			return path, v, true
		}
	}
	for _, name := range eventTypeNames {
		if v, ok := constAt(t, []string{name}); ok {
			return []string{name}, v, true
		}
	}
	for _, name := range eventTypeNames {
		for _, f := range t.Fields {
			if ft := f.Type.Resolved(); ft != nil && ft.Kind == KindStruct && !ft.Tuple {
				if v, ok := constAt(ft, []string{name}); ok {
					return []string{f.Name, name}, v, true
				}
			}
		}
	}
	return nil, "", false
}

// constAt returns the one string the member at path of struct t allows.
func constAt(t *Type, path []string) (string, bool) {
	for i, name := range path {
		if t == nil || t.Kind != KindStruct || t.Tuple {
			return "", false
		}
		j := slices.IndexFunc(t.Fields, func(f *Field) bool { return f.Name == name })
		if j < 0 {
			return "", false
		}
		t = t.Fields[j].Type.Resolved()
		if i < len(path)-1 {
			continue
		}
		if t == nil || t.Kind != KindEnum || t.Base != KindString || len(t.Values) != 1 {
			return "", false
		}
		var s string
		if json.Unmarshal([]byte(t.Values[0].Value.JSON), &s) != nil {
			return "", false
		}
		return s, true
	}
	return "", false
}

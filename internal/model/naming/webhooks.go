package naming

import (
	"sort"

	"github.com/oagen-dev/oagen/internal/model"
)

// WebhookReserved are the exported names that the webhook support code and
// the webhook emitter declare in a package whose spec sends webhooks. No
// schema of such a spec may take them; other specs keep them free.
var WebhookReserved = []string{
	"DefaultMaxWebhookSize", "ErrWebhookTooLarge", "ErrWebhookVerification", "InsecureSkipWebhookVerification",
	"NewStandardWebhookVerifier", "NewTelnyxWebhookVerifier", "NewWebhookHandler", "ParseWebhook",
	"StandardWebhookVerifier", "TelnyxWebhookVerifier", "UnknownWebhookEvent", "WebhookCallbacks",
	"WebhookDecodeError", "WebhookEvent", "WebhookHandler", "WebhookHeader", "WebhookVerifier",
}

// webhookNames names the callback of each webhook event, a field of
// WebhookCallbacks: the operation's name in Go case (CallAnswered), or for
// a variant of a discriminated union the variant's type name. "Default" is
// the field for every other event. Collisions are settled by the JSON
// pointer of the operation, then the variant's place.
func webhookNames(api *model.API) {
	if api.Webhooks == nil {
		return
	}
	events := append([]*model.WebhookEvent(nil), api.Webhooks.Events...)
	sort.SliceStable(events, func(i, j int) bool { return events[i].Op.Pointer < events[j].Op.Pointer })
	names := make([]string, len(events))
	for i, ev := range events {
		names[i] = Exported(ev.Op.ID)
		if ev.Variant != nil {
			names[i] = ev.Type.GoName
		}
	}
	fields := newNameSet()
	fields.add("Default")
	claimAll(fields, events, names, func(ev *model.WebhookEvent, name string) { ev.GoName = name })
}

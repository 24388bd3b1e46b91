package emit

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// webhookSupport reports whether the support file name (templates/) belongs
// in a package of api: the webhook files only where the spec sends
// webhooks, and of the verifiers those oagen.yaml chose (every one when it
// chose none).
func webhookSupport(api *model.API, name string) bool {
	if !strings.HasPrefix(name, "webhook") {
		return true
	}
	w := api.Webhooks
	if w == nil {
		return false
	}
	switch name {
	case "webhook_standard.go":
		return w.Signature == "" || w.Signature == model.SignatureStandardWebhooks
	case "webhook_ed25519.go":
		return w.Signature == "" || w.Signature == model.SignatureTelnyxEd25519
	}
	return true
}

// webhooksFile declares the typed webhook API of a spec that sends
// webhooks or callbacks: the callbacks struct, the handler's constructor,
// ParseWebhook, and the route table the support code dispatches by.
func webhooksFile(f *jen.File, api *model.API) bool {
	w := api.Webhooks
	if w == nil {
		return false
	}
	f.Add(comment(webhookTypeDoc(w)...))
	f.Type().Id("WebhookCallbacks").StructFunc(func(g *jen.Group) {
		for _, ev := range w.Events {
			g.Add(fieldComment(eventDoc(ev)...))
			g.Id(ev.GoName).Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("event").Op("*").Id(ev.Type.GoName)).Error()
		}
		g.Add(fieldComment(
			"Default receives every event without a callback of its own, an",
			"*UnknownWebhookEvent among them; when it is nil they are answered 200.",
		))
		g.Id("Default").Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("event").Id("WebhookEvent")).Error()
	})
	f.Line()
	f.Add(comment("NewWebhookHandler returns an http.Handler that verifies each request with v (see " +
		verifierHint(w) + "), decodes it into its event and calls its callback in c. See WebhookHandler for the status codes it answers."))
	f.Func().Id("NewWebhookHandler").Params(jen.Id("v").Id("WebhookVerifier"), jen.Id("c").Id("WebhookCallbacks")).Op("*").Id("WebhookHandler").Block(
		jen.Return(jen.Op("&").Id("WebhookHandler").Values(jen.Dict{
			jen.Id("verifier"): jen.Id("v"),
			jen.Id("routes"):   jen.Id("webhookRoutes").Call(jen.Op("&").Id("c")),
			jen.Id("fallback"): jen.Id("c").Dot("Default"),
		})),
	)
	f.Line()
	f.Add(comment(
		"ParseWebhook reads r's body (at most DefaultMaxWebhookSize bytes), verifies",
		"it with v and decodes it into its event, for a handler of your own. An",
		"event this package does not know is an *UnknownWebhookEvent, not an error.",
	))
	f.Func().Id("ParseWebhook").Params(jen.Id("r").Op("*").Qual("net/http", "Request"), jen.Id("v").Id("WebhookVerifier")).
		Params(jen.Id("WebhookEvent"), jen.Error()).Block(
		jen.List(jen.Id("body"), jen.Err()).Op(":=").Id("readWebhookBody").Call(jen.Id("r"), jen.Id("DefaultMaxWebhookSize")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Id("NewWebhookHandler").Call(jen.Id("v"), jen.Id("WebhookCallbacks").Values()).Dot("Parse").Call(jen.Id("r").Dot("Header"), jen.Id("body"))),
	)
	f.Line()
	f.Comment("webhookRoutes lists the events, with how each is told apart, in the order")
	f.Comment("they are tried.")
	f.Func().Id("webhookRoutes").Params(jen.Id("c").Op("*").Id("WebhookCallbacks")).Index().Id("webhookRoute").Block(
		jen.Return(jen.Index().Id("webhookRoute").ValuesFunc(func(g *jen.Group) {
			for _, ev := range w.Events {
				values := ev.Values
				if ev.Field == nil {
					values = []string{""}
				}
				for _, v := range values {
					d := jen.Dict{
						jen.Id("webhook"): jen.Lit(webhookName(ev.Op)),
						jen.Id("decode"):  jen.Id("decodeWebhook").Types(jen.Id(ev.Type.GoName)),
						jen.Id("deliver"): jen.Id("deliverWebhook").Call(jen.Id("c").Dot(ev.GoName)),
					}
					if ev.Field != nil {
						var path []jen.Code
						for _, p := range ev.Field {
							path = append(path, jen.Lit(p))
						}
						d[jen.Id("field")] = jen.Index().String().Values(path...)
						d[jen.Id("value")] = jen.Lit(v)
					}
					g.Values(d)
				}
			}
		})),
	)
	f.Line()
	f.Comment("webhookTolerance is how far a signature's timestamp may be from the clock")
	f.Comment("(oagen.yaml webhooks.tolerance).")
	f.Const().Id("webhookTolerance").Op("=").Add(durationCode(w.Tolerance))
	seen := map[*model.Type]bool{}
	for _, ev := range w.Events {
		if seen[ev.Type] {
			continue
		}
		seen[ev.Type] = true
		f.Line()
		f.Func().Params(jen.Op("*").Id(ev.Type.GoName)).Id("isWebhookEvent").Params().Block()
	}
	return true
}

func verifierHint(w *model.Webhooks) string {
	switch w.Signature {
	case model.SignatureStandardWebhooks:
		return "NewStandardWebhookVerifier"
	case model.SignatureTelnyxEd25519:
		return "NewTelnyxWebhookVerifier"
	case model.SignatureNone:
		return "WebhookVerifier"
	}
	return "NewStandardWebhookVerifier and NewTelnyxWebhookVerifier"
}

func webhookTypeDoc(w *model.Webhooks) []string {
	return []string{fmt.Sprintf("WebhookCallbacks are the functions a WebhookHandler calls, one per event the API "+
		"sends (%d); leave out those you do not handle. Each is called with the "+
		"request's context and the decoded body; an error answers 500, so that the "+
		"API sends the event again. WebhookHeader(ctx) gives the request's headers.", len(w.Events))}
}

// eventDoc says which request an event is and how it is recognised.
func eventDoc(ev *model.WebhookEvent) []string {
	op := ev.Op
	what := fmt.Sprintf("the webhook %s", strconv.Quote(op.Path))
	if op.Callback != "" {
		what = fmt.Sprintf("the callback %s (%s %s) of %s %s", strconv.Quote(op.Callback), op.Method, op.Path, op.CallbackOf.Method, op.CallbackOf.Path)
	}
	how := ", told apart only by the handler it reaches (WebhookHandler.ForWebhook)."
	if ev.Field != nil {
		quoted := make([]string, len(ev.Values))
		for i, v := range ev.Values {
			quoted[i] = strconv.Quote(v)
		}
		how = fmt.Sprintf(", whose %s is %s.", strings.Join(ev.Field, "."), strings.Join(quoted, " or "))
	}
	lines := []string{sanitizeLine(fmt.Sprintf("%s receives %s%s", ev.GoName, what, how))}
	if op.Summary != "" {
		lines = append(lines, docLines(op.Summary, fieldDocWidth)...)
	}
	return lines
}

// durationCode writes d as a constant expression, e.g. 5 * time.Minute.
func durationCode(d time.Duration) jen.Code {
	for _, u := range []struct {
		unit time.Duration
		name string
	}{{time.Hour, "Hour"}, {time.Minute, "Minute"}, {time.Second, "Second"}, {time.Millisecond, "Millisecond"}} {
		if d%u.unit == 0 {
			return jen.Lit(int(d/u.unit)).Op("*").Qual("time", u.name)
		}
	}
	return jen.Qual("time", "Duration").Call(jen.Lit(int64(d)))
}

// webhookName is the name WebhookHandler.ForWebhook takes: a webhook's key
// in the spec, a callback's key.
func webhookName(op *model.Operation) string {
	if op.Callback != "" {
		return op.Callback
	}
	return op.Path
}

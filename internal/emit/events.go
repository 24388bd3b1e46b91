package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// eventsResult reads a text/event-stream response as an *EventStream[T]
// (templates/sse.go). T, the type of each event's data, is the media type's
// itemSchema (OpenAPI 3.2) when it has one, else its schema when that is
// more than a string (a string, or no schema, describes the stream's text
// as a whole, so each data is a string).
func eventsResult(c *model.Content) result {
	return result{events: eventDataType(c), accept: "text/event-stream"}
}

func eventDataType(c *model.Content) *jen.Statement {
	if c.ItemType != nil {
		return goType(c.ItemType)
	}
	if t := c.Type.Resolved(); t != nil && t.Kind != model.KindString && t.Kind != model.KindAny {
		return goType(c.Type)
	}
	return jen.String()
}

// streamMethod declares op.StreamName, the twin of an operation whose
// response is either a body or, when the request asks for one (a "stream":
// true member, say), a stream of server-sent events: it asks for the stream
// (Accept: text/event-stream) and returns it typed.
func streamMethod(f *jen.File, s *model.Service, op *model.Operation) {
	c, _ := op.EventStream()
	doc := methodDoc(s, op)
	_, rest, _ := strings.Cut(doc[0], " calls ")
	doc[0] = fmt.Sprintf("%s calls %s and reads its response as server-sent events (text/event-stream)", op.StreamName, strings.TrimSuffix(rest, "."))
	doc[0] = strings.TrimRight(doc[0], ".") + "."
	doc = append(doc, "", fmt.Sprintf("%s returns the response of the other media types; this method asks for the event stream. A request body may also have to ask for it (a \"stream\" member, say).", op.GoName))
	emitMethod(f, s, op, op.StreamName, eventsResult(c), append(doc, "", eventsDoc))
}

// eventsDoc ends the doc of a method that returns an event stream.
const eventsDoc = "The events arrive as the server sends them: range over the stream's Events, and Close it when done."

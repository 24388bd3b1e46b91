package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// mediaMethod declares tw, the twin of an operation whose success response
// offers JSON and other media types (a report as JSON or CSV): the typed
// method asks for JSON and decodes it; the twin asks for tw's media type
// alone (Accept) and returns the body as the method of a response without
// JSON would, an io.ReadCloser (a string for text/plain).
func mediaMethod(f *jen.File, s *model.Service, op *model.Operation, tw model.MediaTwin) {
	res := otherResult([]*model.Content{tw.Content})
	doc := methodDoc(s, op)
	_, rest, _ := strings.Cut(doc[0], " calls ")
	doc[0] = fmt.Sprintf("%s calls %s and asks for its %s response (Accept: %s)", tw.GoName, strings.TrimSuffix(rest, "."), tw.Content.MediaType, tw.Content.MediaType)
	doc[0] = strings.TrimRight(doc[0], ".") + "."
	read := "The caller reads the body and closes it."
	if res.text {
		read = "It returns the body as a string."
	}
	doc = append(doc, "")
	doc = append(doc, fmt.Sprintf("%s asks for the JSON response and decodes it; this method returns the %s one. %s", op.GoName, tw.Content.MediaType, read))
	emitMethod(f, s, op, tw.GoName, res, doc)
}

// mediaTwinList says which methods ask for the other media types of op's
// response: "GetReportCSV asks for text/csv".
func mediaTwinList(op *model.Operation) string {
	parts := make([]string, len(op.MediaTwins))
	for i, tw := range op.MediaTwins {
		parts[i] = fmt.Sprintf("%s asks for %s", tw.GoName, tw.Content.MediaType)
	}
	return strings.Join(parts, ", ")
}

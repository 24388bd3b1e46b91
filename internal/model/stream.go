package model

import "strings"

// IsEventStream reports whether a media type is text/event-stream
// (server-sent events), with or without parameters.
func IsEventStream(mediaType string) bool {
	mt, _, _ := strings.Cut(strings.ToLower(mediaType), ";")
	return strings.TrimSpace(mt) == "text/event-stream"
}

// EventStream returns the text/event-stream content of the operation's
// success response (the first 2xx with content), and whether that response
// offers other media types beside it (a JSON body when the request does not
// ask for a stream); nil when it offers no event stream.
func (op *Operation) EventStream() (c *Content, others bool) {
	for _, r := range op.Responses {
		if !strings.HasPrefix(r.Status, "2") {
			continue
		}
		if len(r.Contents) == 0 {
			return nil, false
		}
		for _, rc := range r.Contents {
			if IsEventStream(rc.MediaType) {
				c = rc
			} else {
				others = true
			}
		}
		return c, others && c != nil
	}
	return nil, false
}

// MediaTwin is a method that asks for one media type of an operation's
// success response other than the JSON its typed method decodes.
type MediaTwin struct {
	Content *Content // the media type it asks for (Accept) and returns
	GoName  string   // e.g. "GetReportCSV"
}

// AlternateMedia returns the media types of the operation's success
// response (the first 2xx) that its typed method does not
// read, when that response offers JSON: every one beside JSON but the event
// stream (EventStream's twin reads that) and ranges such as */*, which are
// no answer to ask for. nil when the response offers no JSON.
func (op *Operation) AlternateMedia() []*Content {
	for _, r := range op.Responses {
		if !strings.HasPrefix(r.Status, "2") {
			continue
		}
		json := false
		var others []*Content
		for _, rc := range r.Contents {
			switch {
			case IsJSON(rc.MediaType):
				json = true
			case !IsEventStream(rc.MediaType) && !IsWildcard(rc.MediaType):
				others = append(others, rc)
			}
		}
		if !json {
			return nil
		}
		return others
	}
	return nil
}

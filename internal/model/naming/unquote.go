package naming

import "encoding/json"

func unquote(s string) string {
	var v string
	if json.Unmarshal([]byte(s), &v) != nil {
		return s
	}
	return v
}

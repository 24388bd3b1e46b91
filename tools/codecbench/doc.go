// Command codecbench measures the JSON codec of oagen's generated code side
// by side with ogen's and oapi-codegen's generated code for the same spec and
// with plain structs through encoding/json. See README.md.
package main

import (
	_ "github.com/oagen-dev/oagen/generated/portingorders"
	_ "github.com/oagen-dev/oagen/generated/telnyx"
	_ "github.com/oagen-dev/oagen/tools/codecbench/internal/oapipo"
	_ "github.com/oagen-dev/oagen/tools/codecbench/internal/ogenpo"
	_ "go.yaml.in/yaml/v3"
)

func main() {}

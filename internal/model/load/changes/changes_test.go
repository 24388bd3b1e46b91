package changes_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/model/load/changes"
)

const oldSpec = `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        "200": {description: ok}
  /stores:
    get:
      operationId: listStores
      responses:
        "200": {description: ok}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string}
        kind: {type: string, enum: [cat, dog]}
`

const newSpec = `openapi: 3.1.0
info: {title: t, version: "2"}
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - {name: limit, in: query, required: true, schema: {type: integer}}
      responses:
        "200": {description: ok}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: [string, "null"]}
        kind: {type: string, enum: [cat]}
        age: {type: integer}
`

func TestCompare(t *testing.T) {
	cs, err := changes.Compare("old.yml", []byte(oldSpec), "new.yml", []byte(newSpec))
	require.NoError(t, err)
	var got []string
	for _, c := range cs {
		mark := "  "
		if c.Breaking {
			mark = "! "
		}
		got = append(got, mark+c.String())
	}
	assert.Equal(t, []string{
		"  $.components.schemas.Pet.properties: added age (new line 18)",
		"! $.components.schemas.Pet.properties.kind.enum: removed dog (old line 22)",
		"! $.components.schemas.Pet.properties.name.type: modified string → [string, null] (line 21 → 16)",
		"  $.info.version: modified 1 → 2 (line 2 → 2)",
		// libopenapi's rules do not count adding required: true to a parameter as breaking.
		"  $.paths['/pets'].get.parameters['limit'].required: added true (new line 8)",
		"! $.paths['/stores']: removed /stores (old line 11)",
	}, got)

	same, err := changes.Compare("old.yml", []byte(oldSpec), "old.yml", []byte(oldSpec))
	require.NoError(t, err)
	assert.Empty(t, same)

	_, err = changes.Compare("old.yml", []byte("not: [an openapi"), "new.yml", []byte(newSpec))
	assert.ErrorContains(t, err, "old.yml: ")
}

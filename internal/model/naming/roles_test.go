package naming_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/oagen-dev/oagen/internal/model"
	"github.com/oagen-dev/oagen/internal/model/naming"
)

func TestResolveRoles(t *testing.T) {
	activate := op("POST", "/porting_orders/{id}/actions/activate", "activatePortingOrder", "Porting Orders")
	cancel := op("POST", "/porting_orders/{id}/actions/cancel", "cancelPortingOrder", "Porting Orders")
	update := op("PATCH", "/porting_orders/{id}", "updatePortingOrder", "Porting Orders")
	respPtr := activate.Pointer + "/responses/202/content/application~1json"
	resp := &model.Type{Kind: model.KindStruct, Named: true, NameHint: []string{"ActivatePortingOrderResponse"}, Pointer: respPtr + "/schema"}
	resp.Fields = []*model.Field{{Name: "data"}}
	data := inlineType(resp, model.KindStruct, "data")
	item := &model.Type{Kind: model.KindStruct, Named: true, NameParent: resp, NameHint: []string{"item"}, Pointer: resp.Pointer + "/properties/data/items"}
	body := comp("UpdatePortingOrder", model.KindStruct)
	shared := comp("PortingOrder", model.KindStruct)
	activate.Responses = []*model.Response{{Status: "202", Contents: []*model.Content{{MediaType: "application/json", Pointer: respPtr, Type: resp}}}}
	update.Body = &model.RequestBody{Contents: []*model.Content{{MediaType: "application/json", Pointer: update.Pointer + "/requestBody/content/application~1json", Type: body}}}
	for _, o := range []*model.Operation{update, cancel} {
		o.Responses = []*model.Response{{Status: "200", Contents: []*model.Content{{MediaType: "application/json", Pointer: o.Pointer + "/responses/200/content/application~1json", Type: shared}}}}
	}
	api := &model.API{Types: []*model.Type{resp, data, item, body, shared}, Operations: []*model.Operation{activate, cancel, update}}
	naming.Resolve(api)
	assert.Equal(t, "the 202 response of PortingOrders.Actions.Activate (POST /porting_orders/{id}/actions/activate)", resp.Role)
	assert.Equal(t, "the type of ActivatePortingOrderResponse.Data", data.Role)
	assert.Equal(t, "an item of ActivatePortingOrderResponse.Data", item.Role)
	assert.Equal(t, "the body of PortingOrders.Update (PATCH /porting_orders/{id})", body.Role)
	assert.Empty(t, shared.Role, "a component two methods return is described by its key")
}

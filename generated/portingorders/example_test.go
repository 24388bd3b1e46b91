package portingorders_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/oagen-dev/oagen/generated/portingorders"
)

// The README's example: set one field, clear two, keep the rest.
func Example_update() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fmt.Printf("%s %s\n%s\n", r.Method, r.URL.Path, body)
		io.WriteString(w, `{"data":{"id":"eef10fb8-f3df-4c67-97c5-e18179723222","misc":null}}`)
	}))
	defer srv.Close()
	ctx := context.Background()

	client := portingorders.NewClient(portingorders.WithBaseURL(srv.URL), portingorders.WithAPIKey("KEY"))
	res, err := client.PortingOrders.Update(ctx, "eef10fb8-f3df-4c67-97c5-e18179723222", portingorders.UpdatePortingOrder{
		CustomerReference: portingorders.Some("Acct 123abc"),                    // set
		Misc:              portingorders.Null[portingorders.PortingOrderMisc](), // clear: "misc": null
		Documents: portingorders.Some(portingorders.PortingOrderDocuments{
			Loa: portingorders.Null[string](), // clear one nested field
		}),
		// Every field left out is kept as it is.
	})
	if err != nil {
		panic(err)
	}
	order := res.Data.Value
	fmt.Println(order.ID.Value, order.Misc.Null)
	// Output:
	// PATCH /porting_orders/eef10fb8-f3df-4c67-97c5-e18179723222
	// {"customer_reference":"Acct 123abc","documents":{"loa":null},"misc":null}
	// eef10fb8-f3df-4c67-97c5-e18179723222 true
}

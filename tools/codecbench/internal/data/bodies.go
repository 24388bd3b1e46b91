package data

// Bodies are the JSON documents the benchmark decodes and encodes.
type Bodies struct {
	// List is a ListPortingOrders 200 body: ListOrders orders and the
	// pagination meta.
	List []byte
	// Order is one PortingOrder object.
	Order []byte
	// Orders are the items of List, each on its own.
	Orders [][]byte
	// UpdateRequest is an UpdatePortingOrder request body, UpdateResponse
	// the 200 body of PATCH /porting_orders/{id}.
	UpdateRequest, UpdateResponse []byte
	// Telnyx is a ListCallControlApplications 200 body of the full Telnyx
	// spec: TelnyxItems applications with their inbound and outbound
	// settings.
	Telnyx []byte
}

// ListOrders is how many orders List holds (1.7 MB or so). Each is the
// example order of CreatePortingOrder's 201 response, varied.
const ListOrders = 1000

// TelnyxItems is how many applications Telnyx holds (about 1.2 MB). Each is
// made from the schema's property examples.
const TelnyxItems = 1500

const (
	orderSchema    = "#/components/schemas/PortingOrder"
	orderExample   = "#/paths/~1porting_orders/post/responses/201/content/application~1json/schema/example/data/0"
	metaSchema     = "#/components/schemas/PaginationMeta"
	updateSchema   = "#/components/schemas/UpdatePortingOrder"
	updateMeta     = "#/paths/~1porting_orders~1{id}/patch/responses/200/content/application~1json/schema/properties/meta"
	telnyxItem     = "#/components/schemas/CallControlApplication"
	telnyxMetaPath = "#/components/schemas/PaginationMeta"
)

// PortingOrders builds the porting-orders bodies from the spec at path
// (specs/porting-orders.yml).
func PortingOrders(path string) (*Bodies, error) {
	spec, err := Load(path)
	if err != nil {
		return nil, err
	}
	example, err := spec.Resolve(orderExample)
	if err != nil {
		return nil, err
	}
	orders := make([]any, ListOrders+1)
	for i := range orders {
		if orders[i], err = spec.Vary(example, orderSchema, i); err != nil {
			return nil, err
		}
	}
	order := orders[ListOrders]
	orders = orders[:ListOrders]
	meta, err := spec.Value(metaSchema, 0)
	if err != nil {
		return nil, err
	}
	b := &Bodies{List: Marshal(map[string]any{"data": orders, "meta": meta})}
	for _, o := range orders {
		b.Orders = append(b.Orders, Marshal(o))
	}
	b.Order = Marshal(order)
	upd, err := spec.Value(updateSchema, 0)
	if err != nil {
		return nil, err
	}
	b.UpdateRequest = Marshal(upd)
	um, err := spec.Value(updateMeta, 0)
	if err != nil {
		return nil, err
	}
	b.UpdateResponse = Marshal(map[string]any{"data": order, "meta": um})
	return b, nil
}

// AddTelnyx builds the full-spec body from the spec at path
// (specs/telnyx-full.yml) into b.
func (b *Bodies) AddTelnyx(path string) error {
	spec, err := Load(path)
	if err != nil {
		return err
	}
	items := make([]any, TelnyxItems)
	for i := range items {
		if items[i], err = spec.Value(telnyxItem, i); err != nil {
			return err
		}
	}
	meta, err := spec.Value(telnyxMetaPath, 0)
	if err != nil {
		return err
	}
	b.Telnyx = Marshal(map[string]any{"data": items, "meta": meta})
	return nil
}

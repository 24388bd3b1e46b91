// Package plain holds the structs a Go programmer would write by hand for the
// benchmark's bodies, for encoding/json: a pointer for a nullable or optional
// member, omitempty, time.Time for a date-time, string for an enum.
package plain

import "time"

// ListPortingOrdersResponse is the 200 body of GET /porting_orders.
type ListPortingOrdersResponse struct {
	Data []PortingOrder  `json:"data"`
	Meta *PaginationMeta `json:"meta,omitempty"`
}

type PaginationMeta struct {
	PageNumber   int64 `json:"page_number,omitempty"`
	PageSize     int64 `json:"page_size,omitempty"`
	TotalPages   int64 `json:"total_pages,omitempty"`
	TotalResults int64 `json:"total_results,omitempty"`
}

type PortingOrder struct {
	ActivationSettings       *ActivationSettings       `json:"activation_settings,omitempty"`
	AdditionalSteps          []string                  `json:"additional_steps,omitempty"`
	CreatedAt                *time.Time                `json:"created_at,omitempty"`
	CustomerGroupReference   *string                   `json:"customer_group_reference"`
	CustomerReference        *string                   `json:"customer_reference"`
	Description              string                    `json:"description,omitempty"`
	Documents                *Documents                `json:"documents,omitempty"`
	EndUser                  *EndUser                  `json:"end_user,omitempty"`
	ID                       string                    `json:"id,omitempty"`
	Messaging                *Messaging                `json:"messaging,omitempty"`
	Misc                     *Misc                     `json:"misc"`
	OldServiceProviderOcn    string                    `json:"old_service_provider_ocn,omitempty"`
	ParentSupportKey         *string                   `json:"parent_support_key"`
	PhoneNumberConfiguration *PhoneNumberConfiguration `json:"phone_number_configuration,omitempty"`
	PhoneNumberType          string                    `json:"phone_number_type,omitempty"`
	PhoneNumbers             []PortingPhoneNumber      `json:"phone_numbers,omitempty"`
	PortingPhoneNumbersCount int64                     `json:"porting_phone_numbers_count,omitempty"`
	RecordType               string                    `json:"record_type,omitempty"`
	Requirements             []Requirement             `json:"requirements,omitempty"`
	RequirementsMet          bool                      `json:"requirements_met"`
	Status                   *Status                   `json:"status,omitempty"`
	SupportKey               *string                   `json:"support_key"`
	UpdatedAt                *time.Time                `json:"updated_at,omitempty"`
	UserFeedback             *UserFeedback             `json:"user_feedback,omitempty"`
	UserID                   string                    `json:"user_id,omitempty"`
	WebhookURL               *string                   `json:"webhook_url"`
}

type ActivationSettings struct {
	ActivationStatus     *string    `json:"activation_status"`
	FastPortEligible     bool       `json:"fast_port_eligible"`
	FocDatetimeActual    *time.Time `json:"foc_datetime_actual"`
	FocDatetimeRequested *time.Time `json:"foc_datetime_requested"`
}

type Documents struct {
	Invoice *string `json:"invoice"`
	Loa     *string `json:"loa"`
}

type EndUser struct {
	Admin    *EndUserAdmin    `json:"admin,omitempty"`
	Location *EndUserLocation `json:"location,omitempty"`
}

type EndUserAdmin struct {
	AccountNumber      *string `json:"account_number"`
	AuthPersonName     *string `json:"auth_person_name"`
	BillingPhoneNumber *string `json:"billing_phone_number"`
	BusinessIdentifier *string `json:"business_identifier"`
	EntityName         *string `json:"entity_name"`
	PinPasscode        *string `json:"pin_passcode"`
	TaxIdentifier      *string `json:"tax_identifier"`
}

type EndUserLocation struct {
	AdministrativeArea *string `json:"administrative_area"`
	CountryCode        *string `json:"country_code"`
	ExtendedAddress    *string `json:"extended_address"`
	Locality           *string `json:"locality"`
	PostalCode         *string `json:"postal_code"`
	StreetAddress      *string `json:"street_address"`
}

type Messaging struct {
	EnableMessaging        bool   `json:"enable_messaging"`
	MessagingCapable       bool   `json:"messaging_capable"`
	MessagingPortCompleted bool   `json:"messaging_port_completed"`
	MessagingPortStatus    string `json:"messaging_port_status,omitempty"`
}

type Misc struct {
	NewBillingPhoneNumber  *string `json:"new_billing_phone_number"`
	RemainingNumbersAction *string `json:"remaining_numbers_action"`
	Type                   string  `json:"type,omitempty"`
}

type PhoneNumberConfiguration struct {
	BillingGroupID     *string  `json:"billing_group_id"`
	ConnectionID       *string  `json:"connection_id"`
	EmergencyAddressID *string  `json:"emergency_address_id"`
	MessagingProfileID *string  `json:"messaging_profile_id"`
	Tags               []string `json:"tags"`
}

type PortingPhoneNumber struct {
	ActivationStatus   string `json:"activation_status,omitempty"`
	PhoneNumber        string `json:"phone_number,omitempty"`
	PhoneNumberType    string `json:"phone_number_type,omitempty"`
	PortabilityStatus  string `json:"portability_status,omitempty"`
	PortingOrderID     string `json:"porting_order_id,omitempty"`
	PortingOrderStatus string `json:"porting_order_status,omitempty"`
	RecordType         string `json:"record_type,omitempty"`
	RequirementsStatus string `json:"requirements_status,omitempty"`
	SupportKey         string `json:"support_key,omitempty"`
}

type Requirement struct {
	FieldType         string `json:"field_type,omitempty"`
	FieldValue        string `json:"field_value,omitempty"`
	RecordType        string `json:"record_type,omitempty"`
	RequirementTypeID string `json:"requirement_type_id,omitempty"`
}

type Status struct {
	Details []StatusDetail `json:"details"`
	Value   string         `json:"value,omitempty"`
}

type StatusDetail struct {
	Code        string `json:"code,omitempty"`
	Description string `json:"description,omitempty"`
}

type UserFeedback struct {
	UserComment *string `json:"user_comment"`
	UserRating  *int64  `json:"user_rating"`
}

// UpdatePortingOrder is the request body of PATCH /porting_orders/{id}.
type UpdatePortingOrder struct {
	ActivationSettings *struct {
		FocDatetimeRequested *time.Time `json:"foc_datetime_requested,omitempty"`
	} `json:"activation_settings,omitempty"`
	CustomerGroupReference string     `json:"customer_group_reference,omitempty"`
	CustomerReference      string     `json:"customer_reference,omitempty"`
	Documents              *Documents `json:"documents,omitempty"`
	EndUser                *EndUser   `json:"end_user,omitempty"`
	Messaging              *struct {
		EnableMessaging bool `json:"enable_messaging"`
	} `json:"messaging,omitempty"`
	Misc                     *Misc                     `json:"misc,omitempty"`
	PhoneNumberConfiguration *PhoneNumberConfiguration `json:"phone_number_configuration,omitempty"`
	RequirementGroupID       string                    `json:"requirement_group_id,omitempty"`
	Requirements             []struct {
		FieldValue        string `json:"field_value"`
		RequirementTypeID string `json:"requirement_type_id"`
	} `json:"requirements,omitempty"`
	UserFeedback *UserFeedback `json:"user_feedback,omitempty"`
	WebhookURL   string        `json:"webhook_url,omitempty"`
}

// UpdatePortingOrderResponse is the 200 body of PATCH /porting_orders/{id}.
type UpdatePortingOrderResponse struct {
	Data *PortingOrder `json:"data,omitempty"`
	Meta *struct {
		PhoneNumbersURL string `json:"phone_numbers_url,omitempty"`
	} `json:"meta,omitempty"`
}

// ListCallControlApplicationsResponse is the 200 body of GET
// /call_control_applications of the full Telnyx spec.
type ListCallControlApplicationsResponse struct {
	Data []CallControlApplication `json:"data"`
	Meta *PaginationMeta          `json:"meta,omitempty"`
}

type CallControlApplication struct {
	Active                  bool                           `json:"active"`
	AnchorsiteOverride      string                         `json:"anchorsite_override,omitempty"`
	ApplicationName         string                         `json:"application_name,omitempty"`
	CallCostInWebhooks      bool                           `json:"call_cost_in_webhooks"`
	CreatedAt               string                         `json:"created_at,omitempty"`
	DtmfType                string                         `json:"dtmf_type,omitempty"`
	FirstCommandTimeout     bool                           `json:"first_command_timeout"`
	FirstCommandTimeoutSecs int64                          `json:"first_command_timeout_secs,omitempty"`
	ID                      string                         `json:"id,omitempty"`
	Inbound                 *CallControlApplicationInbound `json:"inbound,omitempty"`
	Outbound                *struct {
		ChannelLimit           int64  `json:"channel_limit,omitempty"`
		OutboundVoiceProfileID string `json:"outbound_voice_profile_id,omitempty"`
	} `json:"outbound,omitempty"`
	RecordType              string   `json:"record_type,omitempty"`
	RedactDtmfDebugLogging  bool     `json:"redact_dtmf_debug_logging"`
	Tags                    []string `json:"tags,omitempty"`
	UpdatedAt               string   `json:"updated_at,omitempty"`
	WebhookAPIVersion       string   `json:"webhook_api_version,omitempty"`
	WebhookEventFailoverURL *string  `json:"webhook_event_failover_url"`
	WebhookEventURL         string   `json:"webhook_event_url,omitempty"`
	WebhookTimeoutSecs      *int64   `json:"webhook_timeout_secs"`
}

type CallControlApplicationInbound struct {
	ChannelLimit                int64  `json:"channel_limit,omitempty"`
	ShakenStirEnabled           bool   `json:"shaken_stir_enabled"`
	SIPSubdomain                string `json:"sip_subdomain,omitempty"`
	SIPSubdomainReceiveSettings string `json:"sip_subdomain_receive_settings,omitempty"`
}

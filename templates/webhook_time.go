package templates

import (
	"strconv"
	"strings"
	"time"
)

// checkWebhookTimestamp refuses a signature timestamp (Unix seconds, as
// decimal digits) further than tolerance from now, either way (the default
// tolerance when it is zero or less).
func checkWebhookTimestamp(ts string, tolerance time.Duration, now func() time.Time) error {
	if ts == "" || len(ts) > 18 || strings.Trim(ts, "0123456789") != "" {
		return webhookUnverified("timestamp %q is not Unix seconds", ts)
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return webhookUnverified("timestamp %q is not Unix seconds", ts)
	}
	if tolerance <= 0 {
		tolerance = webhookTolerance
	}
	clock := time.Now()
	if now != nil {
		clock = now()
	}
	// Seconds are compared first: a gap of centuries overflows Duration,
	// whose minimum negates to itself and would pass the check below.
	if gap := clock.Unix() - sec; gap > int64(tolerance/time.Second)+1 || -gap > int64(tolerance/time.Second)+1 {
		if gap > 0 {
			return webhookUnverified("timestamp %s is older than the tolerance of %s", ts, tolerance)
		}
		return webhookUnverified("timestamp %s is ahead of the clock by more than the tolerance of %s", ts, tolerance)
	}
	d := clock.Sub(time.Unix(sec, 0))
	if d > tolerance {
		return webhookUnverified("timestamp %s is %s old, more than the tolerance of %s", ts, d.Round(time.Second), tolerance)
	}
	if -d > tolerance {
		return webhookUnverified("timestamp %s is %s ahead of the clock, more than the tolerance of %s", ts, (-d).Round(time.Second), tolerance)
	}
	return nil
}

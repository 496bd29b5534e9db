package content

// Posting dates are days in the site's time zone (Europe/Paris unless
// site.yaml says otherwise). Embedding the zone database makes that hold on
// machines without one (minimal containers, Windows), so the same content
// builds the same site everywhere.
import _ "time/tzdata"

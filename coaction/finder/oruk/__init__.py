"""Open Referral UK (HSDS 3) at the platform's edges: reading and checking ORUK files
(`source`, `records`), writing them into our tables (`importing`), publishing services in HSDS
shapes (`publish`), the API's reads (`queries`), identifiers (`ids`) and the HSDS schemas
(`schemas`)."""

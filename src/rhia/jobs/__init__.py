"""Background jobs: durable state, leases and recovery around Django Tasks (run by ``rhia worker``)."""

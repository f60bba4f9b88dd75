"""The parts of the SPARQL server, one blueprint or helper per concern; `kg.server.create_app` joins them."""

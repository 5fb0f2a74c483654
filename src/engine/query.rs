//! Query types (contract §2). Stub.

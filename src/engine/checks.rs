//! Running a model's Checks. Stub.

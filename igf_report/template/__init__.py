"""The template: its fields, the model that checks them, parsers of what people type, the schema."""

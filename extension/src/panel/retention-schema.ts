// The shape of a 200 answer to POST /retention, checked with ajv before the panel shows anything (extra
// fields allowed). The probe writes it; this is what the panel relies on.
export const retentionSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Socket Hygiene retention answer",
  "description": "The JSON body of a 200 answer to POST /retention (see RUNTIME-CONTRACT, issue 13): how many closed sockets are still reachable after the heap snapshot's full collections, and for each group of them the chain that holds them. The panel checks it before showing anything; extra fields are allowed.",
  "type": "object",
  "required": [
    "retainedAfterClose",
    "groups"
  ],
  "properties": {
    "retainedAfterClose": {
      "type": "integer",
      "minimum": 0
    },
    "groups": {
      "type": "array",
      "items": {
        "type": "object",
        "required": [
          "count",
          "path"
        ],
        "properties": {
          "count": {
            "type": "integer",
            "minimum": 0
          },
          "path": {
            "description": "From a root to the socket, in the names a developer knows: \"clients (Set)\".",
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "location": {
            "description": "file:line of the function whose scope holds the variable, or null.",
            "type": [
              "string",
              "null"
            ]
          }
        },
        "additionalProperties": true
      }
    }
  },
  "additionalProperties": true
};

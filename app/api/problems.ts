import { RegisterError } from "~/services/register.server";
import { ApiProblem } from "~/utils/api.server";

/** Maps the register's refusals to problem+json. */
export function registerProblem(err: unknown): unknown {
  if (!(err instanceof RegisterError)) return err;
  const field = err.field ?? "(body)";
  switch (err.code) {
    case "conflict":
      return new ApiProblem(409, "conflict", "This claimId is already registered with different content", {
        detail: "Use the correction or cancellation endpoints to change a registered egenandel.",
        errors: [{ field, message: "already registered with a different body" }],
      });
    case "not-found":
      return new ApiProblem(404, "not-found", "No egenandel with this claimId from your organisation");
    case "already-cancelled":
      return new ApiProblem(409, "already-cancelled", "The egenandel is cancelled and can no longer be changed");
    case "exempt-child":
      return new ApiProblem(422, "exempt-child", "The patient was under 16 on the service date and pays no egenandel", {
        errors: [{ field, message: "patient under 16 on serviceDate" }],
      });
    case "date-in-future":
      return new ApiProblem(422, "validation", "The request is not valid", { errors: [{ field, message: "must not be after today" }] });
    case "date-unsupported":
      return new ApiProblem(422, "validation", "The request is not valid", {
        errors: [{ field, message: "outside the years the rule tables cover" }],
      });
    case "reserved":
      return err; // answered 202 by the route
    case "paid-before-service":
      return new ApiProblem(422, "validation", "The request is not valid", { errors: [{ field, message: "must not be before serviceDate" }] });
  }
}

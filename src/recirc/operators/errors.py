"""Domain errors of the operators context, with stable codes "operators.<condition>"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from recirc.core.errors import Conflict, ValidationFailed


class CreditCodeInvalid(ValidationFailed):
    code = "operators.credit_code_invalid"
    default_message = _("Enter a valid 18-character unified social credit code; the check digit does not match.")


class CreditCodeTaken(ValidationFailed):
    code = "operators.credit_code_taken"
    default_message = _("An operator with this unified social credit code is already registered.")


class DistrictCodeInvalid(ValidationFailed):
    code = "operators.district_code_invalid"
    default_message = _("Enter a six-digit GB/T 2260 administrative division code.")


class DistrictUnknown(ValidationFailed):
    code = "operators.district_unknown"
    default_message = _("No district with this code is known. Load the city's districts first.")


class LicenceDatesInvalid(ValidationFailed):
    code = "operators.licence_dates_invalid"
    default_message = _("The licence must end on or after the day it starts.")


class LicenceExpired(ValidationFailed):
    code = "operators.licence_expired"
    default_message = _("The business licence has expired; register the operator with a valid licence.")


class ParentUnknown(ValidationFailed):
    code = "operators.parent_unknown"
    default_message = _("The chosen chain or franchise parent does not exist.")


class ParentIsSelf(ValidationFailed):
    code = "operators.parent_is_self"
    default_message = _("An operator cannot be its own chain or franchise parent.")


class ParentCycle(ValidationFailed):
    code = "operators.parent_cycle"
    default_message = _("This parent would make the chain a loop: the parent already belongs to this operator's chain.")


class OperatorNotActive(Conflict):
    code = "operators.operator_not_active"
    default_message = _("The operator is suspended or closed; this cannot be done now.")


class TransitionNotAllowed(Conflict):
    code = "operators.transition_not_allowed"
    default_message = _("An operator cannot go from %(current)s to %(target)s.")


class FieldNotEditable(ValidationFailed):
    code = "operators.field_not_editable"
    default_message = _("You may not change this field.")


class OutletNotOfOperator(ValidationFailed):
    code = "operators.outlet_not_of_operator"
    default_message = _("The outlet does not belong to this operator.")


class OutletInactive(Conflict):
    code = "operators.outlet_inactive"
    default_message = _("The outlet is no longer active.")


class NotAStaffRole(ValidationFailed):
    code = "operators.not_a_staff_role"
    default_message = _("Choose an operator staff role: clerk, inspector, technician, operator manager or "
                        "market manager.")


class MembershipRoleMismatch(ValidationFailed):
    code = "operators.membership_role_mismatch"
    default_message = _("The user's account role (%(user_role)s) differs from the membership role; change one first.")


class MarketRoleOutsideMarket(ValidationFailed):
    code = "operators.market_role_outside_market"
    default_message = _("Market managers can only be added to a market or rural trade centre.")


class AlreadyMember(Conflict):
    code = "operators.already_member"
    default_message = _("This user already works for an operator; end that membership first.")


class MembershipEnded(Conflict):
    code = "operators.membership_ended"
    default_message = _("This membership has already ended.")


class CannotEndOwnMembership(Conflict):
    code = "operators.cannot_end_own_membership"
    default_message = _("You cannot end your own membership; ask another manager or a platform administrator.")


class NotAMarket(ValidationFailed):
    code = "operators.not_a_market"
    default_message = _("Stalls belong to second-hand markets and rural trade centres only.")


class StallCodeTaken(ValidationFailed):
    code = "operators.stall_code_taken"
    default_message = _("This market hall already has a stall with this number.")


class TenancyOverlap(Conflict):
    code = "operators.tenancy_overlap"
    default_message = _("The stall is already let for part of this period; end the current tenancy first.")


class TenancyDatesInvalid(ValidationFailed):
    code = "operators.tenancy_dates_invalid"
    default_message = _("The tenancy must end on or after the day it starts.")


class TenancyEnded(Conflict):
    code = "operators.tenancy_ended"
    default_message = _("This tenancy has already ended.")


class VendorNotActive(ValidationFailed):
    code = "operators.vendor_not_active"
    default_message = _("The vendor must be an active registered operator.")


class UserUnknown(ValidationFailed):
    code = "operators.user_unknown"
    default_message = _("No active user with this id exists.")


class MembershipDatesInvalid(ValidationFailed):
    code = "operators.membership_dates_invalid"
    default_message = _("A membership cannot end before it started.")


class StatusUnknown(ValidationFailed):
    code = "operators.status_unknown"
    default_message = _("Choose one of the operator statuses: active, suspended or closed.")


class NothingToChange(ValidationFailed):
    code = "operators.nothing_to_change"
    default_message = _("Nothing to change: send at least one field.")


class StallAreaInvalid(ValidationFailed):
    code = "operators.stall_area_invalid"
    default_message = _("Enter the stall's area in square metres, greater than zero.")


class DistrictFileInvalid(ValidationFailed):
    code = "operators.district_file_invalid"
    default_message = _("The district file has errors; nothing was loaded.")


class LegalRepresentativeInvalid(ValidationFailed):
    code = "operators.legal_representative_invalid"
    default_message = _("Enter the legal representative's name, at most 60 characters.")

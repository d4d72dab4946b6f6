import "server-only";

export {
  getDashboard,
  type TAdminDashboard,
  type TAdvisorDashboard,
  type TAuditorDashboard,
  type TCoordinatorDashboard,
  type TDashboardSupportType,
  type TDashboard,
  type TDeliveryDashboard,
  type TFunnelStep,
  type TLinkedCount,
  type TLoadBucketCount,
  type TManagerDashboard,
  type TPeriodServices,
  type TPrivacyDashboard,
  type TWeekHours,
} from "./get-dashboard";

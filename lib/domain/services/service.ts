import "server-only";
/**
 * The service log (SPEC §3.3): consultations and other services delivered to clients, one record
 * per meeting however many clients took part; this module is the area's public surface.
 */
export { deleteService, logService, updateService } from "./write";
export {
  findClientsForService,
  getPathImplementation,
  getServiceForEdit,
  getOwnServicesPage,
  getServiceFormOptions,
  listClientServices,
  listOwnServices,
  type TOwnServices,
  type TPlanActionOption,
  type TServiceListItem,
} from "./read";
export { getTimesheet, getTimesheetPage, listTimesheetUsers, type TTimesheet, type TTimesheetRecord, type TTimesheetUser } from "./timesheet";

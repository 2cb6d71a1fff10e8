/**
 * The workspace, the app and the saved view (bookmarks: ./bookmarks.ts).
 * Environment: common.
 */
import { z } from 'zod';
import { call, Empty } from './call.js';

export const WorkspaceInfo = z.object({
  path: z.string(),
  title: z.string(),
  schemaVersion: z.number().int(),
  layerCount: z.number().int(),
  /**
   * `wal` on a local disk; `delete` (SQLite's rollback journal) when the file lies on a network
   * file system, where WAL is unsafe: the status bar says so.
   */
  journalMode: z.enum(['wal', 'delete']),
  /** The network file system the workspace lies on (`nfs`, `cifs`, `fuse`…), or null. */
  networkFs: z.string().nullable(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>;

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  workspace: WorkspaceInfo.nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Camera = z.object({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  heightM: z.number().min(1).max(5e7),
  headingDeg: z.number(),
  pitchDeg: z.number().min(-90).max(90),
  rollDeg: z.number(),
});
export type Camera = z.infer<typeof Camera>;

export const workspaceCalls = {
  'app.info': call(Empty, AppInfo),
  'workspace.create': call(z.object({ path: z.string().min(1) }).strict(), WorkspaceInfo, true),
  'workspace.open': call(z.object({ path: z.string().min(1) }).strict(), WorkspaceInfo),
  'workspace.info': call(Empty, WorkspaceInfo),
  /**
   * Opens the demo city, building it first (a `demo` job, `small` scale, ~30 s) when it is
   * not there yet. `jobId` is set while it builds (the workspace switches when the job is
   * done); otherwise `workspace` is the opened demo.
   */
  'demo.open': call(
    Empty,
    z.object({ jobId: z.string().nullable(), workspace: WorkspaceInfo.nullable(), path: z.string() }),
    true,
  ),
  'camera.get': call(Empty, Camera.nullable()),
  /**
   * Saves the view. With `workspacePath`, only into that workspace: a save the renderer queued
   * before the back end switched workspaces (the demo city arriving) is dropped, not written
   * into the new one.
   */
  'camera.set': call(z.object({ camera: Camera, workspacePath: z.string().optional() }).strict(), Camera, true),
} as const;

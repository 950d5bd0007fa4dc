import {
  BadRequestException,
  Controller,
  HttpCode,
  Post,
  UnprocessableEntityException,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ImportFileError, SHEET_LIMITS } from '@chidao/imports';
import { apiError } from '../common/api-error';
import { DirectoryService } from '../directory/directory.service';
import { ImportAccessGuard } from './import-access.guard';
import { previewImport, type ImportPreview } from './import-preview';

/** The upload as multer hands it over (memory storage). */
interface UploadedSheet {
  readonly originalname: string;
  readonly buffer: Buffer;
}

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/imports')
export class ImportsController {
  constructor(private readonly directory: DirectoryService) {}

  @Post()
  @HttpCode(200)
  @UseGuards(ImportAccessGuard)
  @UseInterceptors(
    // No storage given: multer keeps the file in memory (bounded by fileSize), never on disk.
    FileInterceptor('file', {
      // One file and nothing else worth buffering: the rest of a hostile form is refused.
      limits: {
        fileSize: SHEET_LIMITS.maxFileBytes,
        files: 1,
        fields: 2,
        fieldSize: 64 * 1024,
        parts: 4,
      },
    }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' } },
      required: ['file'],
    },
  })
  @ApiOperation({
    summary:
      'Dry run of importing a task list (.xlsx or .csv, multipart `file`): the preview and every problem row by row; writes nothing (leadership and trackers of a body)',
  })
  async dryRun(@UploadedFile() file: UploadedSheet | undefined): Promise<ImportPreview> {
    if (!file) {
      throw new BadRequestException(
        apiError(
          'file_required',
          'Attach the list to import as the form field "file".',
          'Chưa chọn tệp danh sách nhiệm vụ để nhập (.xlsx hoặc .csv).',
        ),
      );
    }
    await this.directory.catchUp();
    const agencies = this.directory.agencies
      .list()
      .filter((agency) => agency.active)
      .map(({ code, name }) => ({ code, name }));
    try {
      return await previewImport(
        // The name as sent, on one line and bounded: it is only ever shown back.
        {
          name: file.originalname.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 255),
          bytes: file.buffer,
        },
        agencies,
        this.directory.agencyAliases(),
      );
    } catch (error) {
      if (error instanceof ImportFileError) {
        throw new UnprocessableEntityException(apiError(error.code, error.message, error.vi));
      }
      throw error;
    }
  }
}
